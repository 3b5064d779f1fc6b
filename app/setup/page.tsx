// /setup?token=… — first run: the link printed at startup lets the first visitor create the admin account.
import { SetupForm } from '@/components/auth/setup-form';
import { setupPending } from '@/lib/server/auth/first-run';
import { getDatabase } from '@/lib/server/db/get-database';

export const metadata = { title: 'Set up' };

export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const pending = await setupPending((await getDatabase()).pool);
  return (
    <section className="page">
      <h1>Set up Tracehound</h1>
      {pending && typeof token === 'string' ? (
        <>
          <p className="muted">Create the admin account. This link works once and for one hour.</p>
          <SetupForm token={token} />
        </>
      ) : (
        <p className="muted">Setup is done or this link has expired. Sign in, or restart Tracehound for a new link if no account exists.</p>
      )}
    </section>
  );
}
