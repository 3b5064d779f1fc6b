// /replays: replay runs (newest first: status, who, target, totals), the targets replays may go to, and for
// admins a form to add a target.
import Link from 'next/link';
import { AccessDenied } from '@/components/auth/access-denied';
import { DeleteTargetButton } from '@/components/replay/delete-target-button';
import { RunsTable } from '@/components/replay/runs-table';
import { TargetForm } from '@/components/replay/target-form';
import { roleAtLeast } from '@/lib/domain/auth/roles';
import { getDatabase } from '@/lib/server/db/get-database';
import { listRuns } from '@/lib/server/replay/replay-runs';
import { listTargets } from '@/lib/server/replay/replay-targets';
import { pageAccess } from '@/app/_lib/page-access';

export const metadata = { title: 'Replays' };
export const dynamic = 'force-dynamic';

export default async function ReplaysPage() {
  const { principal, allowed, tenant } = await pageAccess('viewer', '/replays');
  if (!allowed) return <AccessDenied needed="viewer" role={principal.role} />;
  const db = await getDatabase();
  const [runs, targets] = await Promise.all([listRuns(db.pool, tenant), listTargets(db.pool)]);
  return (
    <section className="page">
      <h1>Replays</h1>
      <p className="muted">
        Requests replayed from traces, captures and imports against allowed targets, with the response diff and the original and replayed traces to compare.
        {roleAtLeast(principal.role, 'responder') ? (
          <>
            {' '}
            <Link href="/replays/new">New replay or import</Link>
          </>
        ) : null}
      </p>
      <RunsTable runs={runs} />
      <h2>Targets</h2>
      {targets.length === 0 ? (
        <p className="empty-state">No targets: replays can go nowhere until an admin adds one.</p>
      ) : (
        <table className="data" data-testid="replay-targets">
          <thead>
            <tr>
              <th>Name</th>
              <th>Base URL</th>
              <th>Environment</th>
              <th>Methods</th>
              <th>Allowed addresses</th>
              <th>Secrets</th>
              {principal.role === 'admin' ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {targets.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td className="mono">{t.baseUrl}</td>
                <td>
                  <span className={`chip env-${t.environment}`}>{t.environment}</span>
                </td>
                <td>{t.allowedMethods.join(', ')}</td>
                <td className="mono">{t.allowedAddresses.join(', ') || 'public only'}</td>
                <td>{t.secretNames.join(', ') || '—'}</td>
                {principal.role === 'admin' ? (
                  <td>
                    <DeleteTargetButton id={t.id} name={t.name} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {principal.role === 'admin' ? <TargetForm /> : null}
    </section>
  );
}
