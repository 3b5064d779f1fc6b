// The Tracehound agent's own spans (lib/agent/http/http-route.ts). The agent is a proxy between two services:
// for a request carrying traceparent it records an INTERNAL span (service `tracehound-agent`, attribute
// `tracehound.hop` = true) under the caller's CLIENT span, and the callee's SERVER span becomes a child of that
// span. For analysis the hop is transparent: the callee is treated as the caller's child, so client/server
// pairing, skew, rules, likely cause, dependency edges and the critical path come out as if no agent were
// there. The hop's time then counts as the network/proxy time of the client call. Spans written before the
// attribute existed are recognised by the service name.
import { SpanKind } from '../model/span';
import type { AnalysisSpan } from './analysis-span';
import { SpanLookup } from './span-lookup';

export const AGENT_SERVICE = 'tracehound-agent';
export const HOP_ATTRIBUTE = 'tracehound.hop';

// Module constant: under tsx/vitest's CommonJS interop each enum member access is a getter call.
const KIND_INTERNAL = SpanKind.INTERNAL;

/** An agent's proxy span. The agent's other spans (the CLIENT root of a shadow copy) are real callers. */
export function isAgentHop(span: AnalysisSpan): boolean {
  if (span.kind !== KIND_INTERNAL) return false;
  if (span.serviceName === AGENT_SERVICE) return true;
  const marker = span.attributes?.[HOP_ATTRIBUTE];
  return marker !== undefined && 'boolValue' in marker && marker.boolValue;
}

/**
 * Parent ids with agent hops skipped, over spans of any number of traces: the parent of a span under a hop
 * is the hop's own parent (through a chain of hops, bounded by their number, so a loop of hops ends).
 */
export class HopSkipper {
  private readonly hopParents = new SpanLookup<string | null>();
  readonly hopCount: number;

  constructor(spans: readonly AnalysisSpan[]) {
    let count = 0;
    for (const span of spans) {
      if (!isAgentHop(span)) continue;
      this.hopParents.setFirst(span.traceId, span.spanId, span.parentSpanId);
      count++;
    }
    this.hopCount = count;
  }

  /** Whether the span's parent id names a hop. */
  underHop(span: AnalysisSpan): boolean {
    return this.hopCount > 0 && !!span.parentSpanId && this.hopParents.get(span.traceId, span.parentSpanId) !== undefined;
  }

  /** The span's parent id, or the id of the first ancestor above its hop(s); null when there is none. */
  parentIdOf(span: AnalysisSpan): string | null {
    let id = span.parentSpanId;
    for (let guard = 0; id && guard <= this.hopCount; guard++) {
      const up = this.hopParents.get(span.traceId, id);
      if (up === undefined) return id;
      id = up;
    }
    return id || null;
  }
}

/** One trace without its hops, for the rules; positions map back to the caller's input array. */
export interface HopFreeView {
  spans: AnalysisSpan[];
  /** View position → input position. */
  inputIndex: Int32Array;
  /** Input position → 1 for an agent hop. */
  isHop: Uint8Array;
  hops: number[];
  skipper: HopSkipper;
}

/**
 * Hops that are the trace's only record of their call: neither their caller nor a callee is in the trace (e.g. a
 * request from an uninstrumented client that the agent failed by an injected fault before calling upstream).
 * Taken out, the call would vanish from the analysis, so they stay in as ordinary spans.
 */
function loneHops(spans: readonly AnalysisSpan[]): Set<number> {
  const ids = new Set<string>();
  const parents = new Set<string>();
  for (const span of spans) {
    ids.add(span.spanId);
    if (span.parentSpanId) parents.add(span.parentSpanId);
  }
  const lone = new Set<number>();
  spans.forEach((span, i) => {
    if (isAgentHop(span) && !(span.parentSpanId && ids.has(span.parentSpanId)) && !parents.has(span.spanId)) lone.add(i);
  });
  return lone;
}

/** The trace with its agent hops taken out and their callees re-parented, or null when it has none. */
export function withoutAgentHops(spans: readonly AnalysisSpan[]): HopFreeView | null {
  const skipper = new HopSkipper(spans);
  if (skipper.hopCount === 0) return null;
  const lone = loneHops(spans);
  if (lone.size === skipper.hopCount) return null;
  const isHop = new Uint8Array(spans.length);
  const hops: number[] = [];
  const view: AnalysisSpan[] = [];
  const inputIndex = new Int32Array(spans.length - skipper.hopCount + lone.size);
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    if (isAgentHop(span) && !lone.has(i)) {
      isHop[i] = 1;
      hops.push(i);
      continue;
    }
    inputIndex[view.length] = i;
    view.push(skipper.underHop(span) ? { ...span, parentSpanId: skipper.parentIdOf(span) } : span);
  }
  return { spans: view, inputIndex, isHop, hops, skipper };
}
