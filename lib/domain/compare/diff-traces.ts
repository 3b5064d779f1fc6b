// Pair diff of two traces (A = before / original / baseline, B = after / replayed / candidate): aligns them by
// path (align-traces.ts), then reports per node what changed beyond the noise profile, a summary and the
// first divergence. Pure: the CLI and the API call this; the /compare page's worker calls diffPair (the same
// diff in columns, pair-diff.ts) and builds nodes of the document only when asked.
import type { AnalysisSpan } from '../analysis/analysis-span';
import { DEFAULT_NOISE_PROFILE, type NoiseProfile } from './noise-profile';
import { diffNodeAt, diffPair, type PairDiff } from './pair-diff';
import type { DiffNode, TraceDiff } from './trace-diff';
import { traceShape, type TraceShape } from './trace-shape';

export function diffTraces(a: readonly AnalysisSpan[], b: readonly AnalysisSpan[], noise: NoiseProfile = DEFAULT_NOISE_PROFILE): TraceDiff {
  return diffShapes(traceShape(a), traceShape(b), noise);
}

export function diffShapes(a: TraceShape, b: TraceShape, noise: NoiseProfile = DEFAULT_NOISE_PROFILE): TraceDiff {
  return traceDiffOf(diffPair(a, b, noise));
}

/** The whole document of a diff in columns. */
export function traceDiffOf(diff: PairDiff): TraceDiff {
  const nodes = new Array<DiffNode>(diff.aligned.count);
  for (let id = 0; id < nodes.length; id++) nodes[id] = diffNodeAt(diff, id);
  return { traceIds: diff.traceIds, summary: diff.summary, firstDivergence: diff.firstDivergence, nodes };
}
