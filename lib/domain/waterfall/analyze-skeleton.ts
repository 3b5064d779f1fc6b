// The analysis engine on the trace page's input (AnalysisInput, build-waterfall.ts) without the 500k span
// objects toAnalysisSpans makes: their hex ids and bigint times were only taken apart again by buildSpanTable
// (bigints back to relative doubles) and buildSpanTree (hashing the hex ids). The table comes straight from the
// skeleton's columns in skeleton order (span-table-from-skeleton.ts) and the parent links from the id words
// (span-parents-by-words.ts), with the values toAnalysisSpans gives ('unknown' for no service, end 0n when
// unfinished, attributes {}, links []). A trace with agent hops takes the span path: the hop-free view
// (agent-hops.ts) is built on span objects. lib/client/trace-worker/analyze-skeleton-equivalence.test.ts
// holds both paths' AnalysisPatch equal.
import { AGENT_SERVICE } from '../analysis/agent-hops';
import type { AnalysisOptions } from '../analysis/analysis-options';
import { analyzeSpanTable, analyzeTrace, type TraceAnalysis } from '../analysis/analyze-trace';
import { NO_INTEREST } from '../compare/interest-by-id-words';
import { identitySpanOrder } from '../compare/skeleton-span-order';
import type { SkeletonSpanDefaults } from '../compare/skeleton-span-view';
import { spanParentsByWords } from '../compare/span-parents-by-words';
import { spanTableFromSkeleton } from '../compare/span-table-from-skeleton';
import { SpanKind } from '../model/span';
import { toAnalysisSpans, type AnalysisInput } from './build-waterfall';
import type { SkeletonColumns } from './skeleton-columns';

// Module constant: under tsx/vitest's CommonJS interop each enum member access is a getter call.
const KIND_INTERNAL = SpanKind.INTERNAL;

/** What toAnalysisSpans puts where the columns say nothing. */
export const TRACE_PAGE_SPAN_DEFAULTS: SkeletonSpanDefaults = { serviceName: 'unknown', unfinishedEndZero: true, attributes: {}, links: [] };

/** analyzeTrace(toAnalysisSpans(input), options), built from the columns. */
export function analyzeSkeleton(input: AnalysisInput, options: AnalysisOptions = {}): TraceAnalysis {
  const { skeleton } = input;
  if (hasAgentHop(skeleton)) return analyzeSkeletonSpans(input, options);
  // The store's raw times are the skeleton's re-based on its earliest start, so the table made from the
  // skeleton's own times is the one buildSpanTable makes from the raw ones (same base, same differences).
  const order = identitySpanOrder(skeleton.count);
  const table = spanTableFromSkeleton(skeleton, order, NO_INTEREST, TRACE_PAGE_SPAN_DEFAULTS);
  return analyzeSpanTable(table, spanParentsByWords(skeleton, order), options);
}

/** The span path: analyzeTrace on toAnalysisSpans' objects. */
export function analyzeSkeletonSpans(input: AnalysisInput, options: AnalysisOptions = {}): TraceAnalysis {
  return analyzeTrace(toAnalysisSpans(input), options);
}

/** isAgentHop on the span objects: an INTERNAL span of the agent's service (they carry no attributes here). */
function hasAgentHop(skeleton: SkeletonColumns): boolean {
  const agent = skeleton.resources.map((r) => (r.serviceName ?? TRACE_PAGE_SPAN_DEFAULTS.serviceName) === AGENT_SERVICE);
  if (!agent.includes(true)) return false;
  const { kind, resourceIndex } = skeleton;
  for (let i = 0; i < skeleton.count; i++) if (kind[i] === KIND_INTERNAL && agent[resourceIndex[i]!]) return true;
  return false;
}
