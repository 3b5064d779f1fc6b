import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppNav } from '@/components/shell/app-nav';
import { QueryProvider } from '@/components/shell/query-provider';
import { currentAccess } from '@/app/_lib/page-access';
import { getConfig } from '@/lib/server/config/load-config';
import { HaltAllBanner } from '@/components/chaos/halt-all-banner';
import { roleAtLeast } from '@/lib/domain/auth/roles';
import { countActiveRuns } from '@/lib/server/chaos/count-active-runs';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Tracehound', template: '%s · Tracehound' },
  description: 'Investigate incidents in distributed systems: traces, logs, skew correction and root causes.',
};

// Reading the session makes every page dynamic, which the CSP nonce (proxy.ts) needs anyway.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const authOff = getConfig().AUTH_MODE === 'off';
  const access = authOff ? null : await currentAccess();
  const activeRuns = authOff || access ? await countActiveRuns() : 0;
  return (
    <html lang="en">
      <body>
        {authOff && (
          <div className="auth-off-banner" role="alert">
            AUTH_MODE=off: no sign-in; anyone who can reach this server is an admin. For a laptop only.
          </div>
        )}
        {activeRuns > 0 && <HaltAllBanner activeRuns={activeRuns} canHalt={authOff || (access !== null && roleAtLeast(access.principal.role, 'operator'))} />}
        <AppNav user={access ? { name: access.principal.name, role: access.principal.role, tenants: access.principal.tenants, tenant: access.tenant } : null} />
        <QueryProvider>
          <main>{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}
