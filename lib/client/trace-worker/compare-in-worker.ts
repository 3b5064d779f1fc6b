// The /compare page's work inside the trace Web Worker: download both traces, diff them (lib/domain/compare)
// and hand the page the diff in columns. The full diff stays here for node details. Two 100k-span traces
// never touch the main thread.
import { compareView, type CompareView } from '@/lib/domain/compare/compare-rows';
import { diffTraces } from '@/lib/domain/compare/diff-traces';
import { spansFromPayload } from '@/lib/domain/compare/spans-from-payload';
import type { DiffNode, TraceDiff } from '@/lib/domain/compare/trace-diff';
import type { TracePayload } from '@/lib/domain/model/trace-payload';

export type CompareResult = { status: 'ok'; view: CompareView; timings: Record<string, number> } | { status: 'not_found'; side: 'a' | 'b'; traceId: string };

let last: { key: string; diff: TraceDiff } | null = null;

async function fetchTrace(traceId: string): Promise<TracePayload | null> {
  const response = await fetch(`/api/traces/${encodeURIComponent(traceId)}`);
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`GET /api/traces/${traceId} answered ${response.status}`);
  return (await response.json()) as TracePayload;
}

export async function compareInWorker(a: string, b: string): Promise<CompareResult> {
  const t0 = performance.now();
  const [pa, pb] = await Promise.all([fetchTrace(a), fetchTrace(b)]);
  if (!pa) return { status: 'not_found', side: 'a', traceId: a };
  if (!pb) return { status: 'not_found', side: 'b', traceId: b };
  const t1 = performance.now();
  const diff = diffTraces(spansFromPayload(pa), spansFromPayload(pb));
  const t2 = performance.now();
  last = { key: `${a}/${b}`, diff };
  return { status: 'ok', view: compareView(diff), timings: { loadMs: t1 - t0, diffMs: t2 - t1, spans: pa.spans.length + pb.spans.length } };
}

export function compareNodeInWorker(a: string, b: string, node: number): DiffNode | null {
  if (!last || last.key !== `${a}/${b}`) return null;
  return last.diff.nodes[node] ?? null;
}
