// /investigations/{id}/traces/{traceId} — a pinned trace as it was snapshotted, readable after retention has
// dropped the live data. A static waterfall of the snapshot's spans; the live trace page when it still exists.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { notFoundWhenMissing } from '@/app/_lib/not-found-when-missing';
import { pageAccess } from '@/app/_lib/page-access';
import { AccessDenied } from '@/components/auth/access-denied';
import { SnapshotWaterfall } from '@/components/investigations/snapshot-waterfall';
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { getDatabase } from '@/lib/server/db/get-database';
import { getInvestigation } from '@/lib/server/investigations/get-investigation';
import { investigationIdOrNotFound } from '@/lib/server/investigations/investigation-row';
import { readSnapshot } from '@/lib/server/investigations/pin-trace-snapshot';
import { findTraceSummary } from '@/lib/server/traces/find-trace-summary';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Pinned trace' };

export default async function PinnedTracePage({ params }: { params: Promise<{ investigationId: string; traceId: string }> }) {
  const p = await params;
  const { allowed, principal, tenant } = await pageAccess('viewer', `/investigations/${encodeURIComponent(p.investigationId)}/traces/${encodeURIComponent(p.traceId)}`);
  if (!allowed) return <AccessDenied needed="viewer" role={principal.role} />;
  const traceId = normalizeTraceId(p.traceId);
  if (!isValidTraceId(traceId)) notFound();
  const database = await getDatabase();
  const { id, investigation, snapshot, live } = await (async () => {
    const id = investigationIdOrNotFound(p.investigationId);
    const investigation = await getInvestigation(database.pool, tenant, id);
    const snapshot = await readSnapshot(database.pool, id, traceId);
    if (!snapshot) notFound();
    const live = await findTraceSummary(database, tenant, traceId);
    return { id, investigation, snapshot, live };
  })().catch(notFoundWhenMissing);
  return (
    <section className="page" data-testid="pinned-trace">
      <p>
        <Link href={`/investigations/${id}`}>← {investigation.title}</Link>
      </p>
      <h1>
        Pinned trace <span className="mono">{traceId}</span>
      </h1>
      <p className="muted">
        {snapshot.summary.rootService ?? '?'} {snapshot.summary.rootName ?? ''} · snapshot of {snapshot.spans.length} of {snapshot.summary.spanCount} spans.{' '}
        {live ? <Link href={`/traces/${traceId}`}>Open the live trace</Link> : 'The live trace is no longer stored (retention).'}
      </p>
      <SnapshotWaterfall trace={snapshot} />
    </section>
  );
}
