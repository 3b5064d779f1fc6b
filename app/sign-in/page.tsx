// /sign-in — email + password, and SSO when OIDC_ISSUER is set. Already signed in: straight to `next`.
import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/app/_lib/page-access';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeNextPath } from '@/lib/domain/auth/safe-next-path';
import { getConfig } from '@/lib/server/config/load-config';
import { setupPending } from '@/lib/server/auth/first-run';
import { getDatabase } from '@/lib/server/db/get-database';

export const metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === 'string' ? params.next : null);
  const config = getConfig();
  if (config.AUTH_MODE === 'off' || (await currentPrincipal())) redirect(next);
  const pending = await setupPending((await getDatabase()).pool);
  return (
    <section className="page">
      <h1>Sign in to Tracehound</h1>
      {pending && <p className="muted">No account exists yet: open the setup link printed by the server at startup.</p>}
      {params.error === 'sso' && <p className="error-text">Single sign-on failed; try again or use your password.</p>}
      <SignInForm next={next} ssoName={config.OIDC_ISSUER ? config.OIDC_PROVIDER_NAME : null} />
    </section>
  );
}
