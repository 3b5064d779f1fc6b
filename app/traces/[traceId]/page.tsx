// /traces/{traceId} — the trace page. The server checks the trace exists (unknown ids get the not-found
// page, or the newest investigation snapshot of the trace once retention dropped it) and renders the summary
// for first paint with the waterfall's first screenful (traceHead: a few indexed queries at any trace size,
// issue #22); the whole waterfall loads in the browser through a Web Worker and replaces that preview.
import { notFound, redirect } from 'next/navigation';
import { preload } from 'react-dom';
import { Suspense } from 'react';
import { TracePage } from '@/components/trace/trace-page';
import { skeletonUrl } from '@/lib/client/trace-urls';
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { pageAccess } from '@/app/_lib/page-access';
import { getDatabase } from '@/lib/server/db/get-database';
import { findPinnedSnapshot } from '@/lib/server/investigations/find-pinned-snapshot';
import { findTraceSummary } from '@/lib/server/traces/find-trace-summary';
import { traceHead } from '@/lib/server/traces/trace-head';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ traceId: string }> }) {
  const { traceId } = await params;
  return { title: `Trace ${normalizeTraceId(traceId).slice(0, 12)}` };
}

export default async function TraceRoute({ params }: { params: Promise<{ traceId: string }> }) {
  const traceId = normalizeTraceId((await params).traceId);
  if (!isValidTraceId(traceId)) notFound();
  const { tenant } = await pageAccess('viewer', `/traces/${traceId}`);
  const database = await getDatabase();
  // The head reads the summary itself, so both start at once; a failed preview must not fail the page.
  const [summary, head] = await Promise.all([
    findTraceSummary(database, tenant, traceId),
    traceHead(database, tenant, traceId).catch((error: unknown) => {
      console.error('[trace page] preview rows failed', error);
      return null;
    }),
  ]);
  if (!summary) {
    // Gone (retention) or never here: an investigation's pinned snapshot still tells its story.
    const pinnedIn = await findPinnedSnapshot(database.pool, tenant, traceId);
    if (pinnedIn) redirect(`/investigations/${pinnedIn}/traces/${traceId}`);
    notFound();
  }
  // Start downloading the rows before the page's JS has even loaded; the client's fetch reuses this.
  preload(skeletonUrl(traceId), { as: 'fetch', crossOrigin: 'anonymous' });
  return (
    <Suspense fallback={<p className="muted">Loading trace…</p>}>
      <TracePage traceId={traceId} summary={summary} head={head} />
    </Suspense>
  );
}
