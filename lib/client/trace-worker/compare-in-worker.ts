// The /compare page's work inside the trace Web Worker: download both traces' binary skeletons and their
// attributes of interest (not the full JSON: attributes, events and links of 2 × 100k spans were the largest
// part of the page's time), diff them in columns (lib/domain/compare/pair-diff.ts) and hand the page the rows.
// The diff stays here; a node's DiffNode is built when the page asks for it.
import type { TraceAttributesOfInterest } from '@/lib/domain/compare/attributes-of-interest';
import { compareView, type CompareView } from '@/lib/domain/compare/compare-rows';
import { diffNodeAt, diffPair, type PairDiff } from '@/lib/domain/compare/pair-diff';
import { spansFromSkeleton } from '@/lib/domain/compare/spans-from-skeleton';
import type { DiffNode } from '@/lib/domain/compare/trace-diff';
import { traceShape } from '@/lib/domain/compare/trace-shape';
import { decodeSkeleton } from '@/lib/domain/waterfall/skeleton-binary';
import { skeletonUrl } from '../trace-urls';

export type CompareResult = { status: 'ok'; view: CompareView; timings: Record<string, number> } | { status: 'not_found'; side: 'a' | 'b'; traceId: string };

let last: { key: string; diff: PairDiff } | null = null;

interface Downloaded {
  skeleton: ArrayBuffer;
  interest: TraceAttributesOfInterest;
}

async function download(traceId: string): Promise<Downloaded | null> {
  const interestUrl = `/api/traces/${encodeURIComponent(traceId)}/attributes-of-interest`;
  const [skeleton, interest] = await Promise.all([fetch(skeletonUrl(traceId)), fetch(interestUrl)]);
  if (skeleton.status === 404 || interest.status === 404) return null;
  if (!skeleton.ok) throw new Error(`GET ${skeletonUrl(traceId)} answered ${skeleton.status}`);
  if (!interest.ok) throw new Error(`GET ${interestUrl} answered ${interest.status}`);
  return { skeleton: await skeleton.arrayBuffer(), interest: (await interest.json()) as TraceAttributesOfInterest };
}

export async function compareInWorker(a: string, b: string): Promise<CompareResult> {
  const t0 = performance.now();
  const [da, db] = await Promise.all([download(a), download(b)]);
  if (!da) return { status: 'not_found', side: 'a', traceId: a };
  if (!db) return { status: 'not_found', side: 'b', traceId: b };
  const t1 = performance.now();
  const spansA = spansFromSkeleton(decodeSkeleton(new Uint8Array(da.skeleton)), da.interest);
  const spansB = spansFromSkeleton(decodeSkeleton(new Uint8Array(db.skeleton)), db.interest);
  const t2 = performance.now();
  const diff = diffPair(traceShape(spansA), traceShape(spansB));
  const view = compareView(diff);
  const t3 = performance.now();
  last = { key: `${a}/${b}`, diff };
  return { status: 'ok', view, timings: { loadMs: t1 - t0, decodeMs: t2 - t1, diffMs: t3 - t2, spans: spansA.length + spansB.length } };
}

export function compareNodeInWorker(a: string, b: string, node: number): DiffNode | null {
  if (!last || last.key !== `${a}/${b}` || node < 0 || node >= last.diff.aligned.count) return null;
  return diffNodeAt(last.diff, node);
}
