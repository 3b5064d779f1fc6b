// /traces/{traceId} — the trace page. The server checks the trace exists (unknown ids get the not-found
// page) and renders the summary for first paint; the waterfall loads in the browser through a Web Worker.
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { TracePage } from '@/components/trace/trace-page';
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { getDatabase } from '@/lib/server/db/get-database';
import { findTraceSummary } from '@/lib/server/traces/find-trace-summary';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ traceId: string }> }) {
  const { traceId } = await params;
  return { title: `Trace ${normalizeTraceId(traceId).slice(0, 12)}` };
}

export default async function TraceRoute({ params }: { params: Promise<{ traceId: string }> }) {
  const traceId = normalizeTraceId((await params).traceId);
  if (!isValidTraceId(traceId)) notFound();
  const summary = await findTraceSummary(await getDatabase(), DEFAULT_TENANT, traceId);
  if (!summary) notFound();
  return (
    <Suspense fallback={<p className="muted">Loading trace…</p>}>
      <TracePage traceId={traceId} summary={summary} />
    </Suspense>
  );
}
