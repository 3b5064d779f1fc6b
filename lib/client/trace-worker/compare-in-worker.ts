// The /compare page's work inside the trace Web Worker: download both traces' binary skeletons and their
// attributes of interest (not the full JSON: attributes, events and links of 2 × 100k spans were the largest
// part of the page's time), diff them in columns (lib/domain/compare/pair-diff.ts) and hand the page the rows.
// The diff stays here; a node's DiffNode is built when the page asks for it.
import type { TraceAttributesOfInterest } from '@/lib/domain/compare/attributes-of-interest';
import { compareView, type CompareView } from '@/lib/domain/compare/compare-rows';
import { diffNodeAt, diffPair, type PairDiff } from '@/lib/domain/compare/pair-diff';
import type { DiffNode } from '@/lib/domain/compare/trace-diff';
import { traceShapeFromSkeleton } from '@/lib/domain/compare/trace-shape-from-skeleton';
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
  const skeletonA = decodeSkeleton(new Uint8Array(da.skeleton));
  const skeletonB = decodeSkeleton(new Uint8Array(db.skeleton));
  const t2 = performance.now();
  // The shapes straight from the columns (trace-shape-from-skeleton.ts): no 2 × 100k span objects with hex
  // ids and bigint times to build and take apart again. decodeMs is now the binary decode alone; the rest
  // of the input's cost moved into diffMs.
  const diff = diffPair(traceShapeFromSkeleton(skeletonA, da.interest), traceShapeFromSkeleton(skeletonB, db.interest));
  const view = compareView(diff);
  const t3 = performance.now();
  last = { key: `${a}/${b}`, diff };
  return { status: 'ok', view, timings: { loadMs: t1 - t0, decodeMs: t2 - t1, diffMs: t3 - t2, spans: skeletonA.count + skeletonB.count } };
}

export function compareNodeInWorker(a: string, b: string, node: number): DiffNode | null {
  if (!last || last.key !== `${a}/${b}` || node < 0 || node >= last.diff.aligned.count) return null;
  return diffNodeAt(last.diff, node);
}
