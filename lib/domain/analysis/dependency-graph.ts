// The system-wide service dependency graph over any set of spans (e.g. a time window of many traces).
// A call is an edge caller-service → callee-service:
// - a span whose parent (same trace) belongs to another service, or a SERVER/CONSUMER span whose
//   CLIENT/PRODUCER parent is in its own service (a self-call: the edge service → itself); when that parent is a CLIENT or PRODUCER
//   span it is the call as the caller saw it, so its duration is the latency and an error on either side
//   counts, and it is counted once however many callee spans it has;
// - a CLIENT span with no child on another service (an uninstrumented callee such as a database) calls the
//   peer named by peer.service / server.address / db.system, when present.
// Agent hops (agent-hops.ts) are skipped: a call through the Tracehound agent is an edge from the caller to
// the callee, as if the agent were absent, and the agent is never a node.
// Per edge: call count, error count and rate, p50 and p99 latency (nearest rank). Cycles are the strongly
// connected components of two or more services. Latencies are nanoseconds as doubles (durations, not epochs).
import { stringAttribute } from '../model/any-value';
import { SpanKind, StatusCode } from '../model/span';
import { HopSkipper, isAgentHop } from './agent-hops';
import type { AnalysisSpan } from './analysis-span';
import { SpanLookup } from './span-lookup';
import { cyclicComponents } from './strongly-connected';

// Module constants: under tsx/vitest's CommonJS interop each enum member access is a getter call.
const KIND_CLIENT = SpanKind.CLIENT;
const KIND_PRODUCER = SpanKind.PRODUCER;
const KIND_SERVER = SpanKind.SERVER;
const KIND_CONSUMER = SpanKind.CONSUMER;
const STATUS_ERROR = StatusCode.ERROR;

export interface DependencyEdge {
  source: string;
  target: string;
  callCount: number;
  errorCount: number;
  errorRate: number;
  p50Ns: number;
  p99Ns: number;
}

export interface DependencyGraph {
  services: string[];
  edges: DependencyEdge[];
  /** Groups of services that call each other in a cycle (strongly connected components), each sorted. */
  cycles: string[][];
}

const PEER_KEYS = ['peer.service', 'server.address', 'db.system'];

export function buildDependencyGraph(spans: readonly AnalysisSpan[]): DependencyGraph {
  const byKey = new SpanLookup<AnalysisSpan>();
  for (const span of spans) byKey.setFirst(span.traceId, span.spanId, span);
  const edges = new Map<string, { source: string; target: string; durations: number[]; errors: number }>();
  // Services each CLIENT/PRODUCER span was already counted against (a call with several server spans, e.g.
  // retries inside one client span, counts once per callee service).
  const countedCalls = new Map<AnalysisSpan, string[]>();
  const record = (source: string, target: string, duration: number, failed: boolean): void => {
    const key = `${source}\u0000${target}`;
    let edge = edges.get(key);
    if (!edge) edges.set(key, (edge = { source, target, durations: [], errors: 0 }));
    edge.durations.push(duration);
    if (failed) edge.errors++;
  };
  const hops = new HopSkipper(spans);
  for (const span of spans) {
    if (!span.parentSpanId) continue;
    if (hops.hopCount > 0 && isAgentHop(span)) continue;
    const parentId = hops.underHop(span) ? hops.parentIdOf(span) : span.parentSpanId;
    const parent = parentId ? byKey.get(span.traceId, parentId) : undefined;
    if (!parent) continue;
    const callerSide = parent.kind === KIND_CLIENT || parent.kind === KIND_PRODUCER;
    // Within one service only a CLIENT/PRODUCER → SERVER/CONSUMER pair is a call (to itself, e.g. over
    // loopback); it must stay a self-edge, not fall through to the peer address below.
    if (parent.serviceName === span.serviceName && !(callerSide && (span.kind === KIND_SERVER || span.kind === KIND_CONSUMER))) continue;
    if (callerSide) {
      const counted = countedCalls.get(parent);
      if (counted?.includes(span.serviceName)) continue;
      if (counted) counted.push(span.serviceName);
      else countedCalls.set(parent, [span.serviceName]);
    }
    const timed = callerSide ? parent : span;
    record(parent.serviceName, span.serviceName, durationNs(timed), isError(span) || (callerSide && isError(parent)));
  }
  for (const span of spans) {
    if (span.kind !== KIND_CLIENT || countedCalls.has(span) || !span.attributes) continue;
    const peer = PEER_KEYS.map((k) => stringAttribute(span.attributes!, k)).find(Boolean);
    if (peer && peer !== span.serviceName) record(span.serviceName, peer, durationNs(span), isError(span));
  }
  const services = [...new Set([...edges.values()].flatMap((e) => [e.source, e.target]))].sort();
  const edgeList = [...edges.values()]
    .map(({ source, target, durations, errors }) => {
      durations.sort((a, b) => a - b);
      return {
        source,
        target,
        callCount: durations.length,
        errorCount: errors,
        errorRate: errors / durations.length,
        p50Ns: nearestRank(durations, 0.5),
        p99Ns: nearestRank(durations, 0.99),
      };
    })
    .sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  return { services, edges: edgeList, cycles: serviceCycles(services, edgeList) };
}

function serviceCycles(services: string[], edges: readonly DependencyEdge[]): string[][] {
  const id = new Map(services.map((s, i) => [s, i] as const));
  const offsets = new Int32Array(services.length + 1);
  for (const e of edges) offsets[id.get(e.source)! + 1]!++;
  for (let i = 0; i < services.length; i++) offsets[i + 1]! += offsets[i]!;
  const targets = new Int32Array(edges.length);
  const fill = offsets.slice(0, services.length);
  for (const e of edges) targets[fill[id.get(e.source)!]!++] = id.get(e.target)!;
  return cyclicComponents(services.length, offsets, targets).map((c) => c.map((i) => services[i]!).sort());
}

function durationNs(span: AnalysisSpan): number {
  return span.endTimeUnixNano >= span.startTimeUnixNano ? Number(span.endTimeUnixNano - span.startTimeUnixNano) : 0;
}

function isError(span: AnalysisSpan): boolean {
  return span.statusCode === STATUS_ERROR;
}

function nearestRank(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
