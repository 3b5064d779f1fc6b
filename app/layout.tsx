import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppNav } from '@/components/shell/app-nav';
import { QueryProvider } from '@/components/shell/query-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Tracehound', template: '%s · Tracehound' },
  description: 'Investigate incidents in distributed systems: traces, logs, skew correction and root causes.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AppNav />
        <QueryProvider>
          <main>{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}
