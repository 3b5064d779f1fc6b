// /replays/{id}: one run — its totals, and every request (not only the differing ones) with its outcome,
// the response diff side by side, and links to both traces and to their comparison (/compare?a=&b=).
import { AccessDenied } from '@/components/auth/access-denied';
import { RunRequestRow } from '@/components/replay/run-request-row';
import { getDatabase } from '@/lib/server/db/get-database';
import { getRun } from '@/lib/server/replay/replay-runs';
import { notFoundWhenMissing } from '@/app/_lib/not-found-when-missing';
import { pageAccess } from '@/app/_lib/page-access';

export const metadata = { title: 'Replay run' };
export const dynamic = 'force-dynamic';

export default async function ReplayRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { principal, allowed, tenant } = await pageAccess('viewer', `/replays/${id}`);
  if (!allowed) return <AccessDenied needed="viewer" role={principal.role} />;
  const db = await getDatabase();
  const run = await getRun(db.pool, tenant, id).catch(notFoundWhenMissing);
  const t = run.totals;
  return (
    <section className="page" data-testid="replay-run">
      <h1>
        Replay against {run.targetName} <span className={`chip env-${run.environment}`}>{run.environment}</span>
      </h1>
      <p className="muted">
        Started {new Date(run.createdAt).toLocaleString()} by {run.createdBy}. Status: <span className={run.status === 'refused' ? 'error-text' : ''}>{run.status}</span>
      </p>
      <p data-testid="replay-totals">
        {t.requests} requests: {t.identical} identical, {t.responseDiffers} response differs, {t.newErrors} new errors, {t.errors} failed
        {t.skippedUnsafe > 0 ? (
          <>
            , <strong>{t.skippedUnsafe} unsafe requests skipped</strong>
          </>
        ) : null}
        {t.skippedMethod > 0 ? <>, {t.skippedMethod} skipped (method not allowed by the target)</> : null}
        {t.refused > 0 ? (
          <>
            , <span className="error-text">{t.refused} refused</span>
          </>
        ) : null}
        {t.traces ? (
          <>
            . Replayed traces: {t.traces.received} received, {t.traces.settled ? 'complete' : 'still arriving at the deadline'}
          </>
        ) : null}
      </p>
      <ol className="replay-requests">
        {run.requests.map((r) => (
          <RunRequestRow key={r.seq} result={r} />
        ))}
      </ol>
    </section>
  );
}
