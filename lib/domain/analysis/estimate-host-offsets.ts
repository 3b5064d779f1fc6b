// Cross-trace host offset estimation over any number of spans (e.g. all spans of a time window): every
// SERVER span whose parent is a CLIENT span on another host is one sample (see host-offset.ts); a Tracehound
// agent hop between them is skipped (agent-hops.ts).
import { SpanKind, StatusCode, type HostIdentity } from '../model/span';
import { HopSkipper } from './agent-hops';
import type { AnalysisSpan } from './analysis-span';
import { ClockKeyCache } from './clock-key-cache';
import { resolutionOfUnixNano } from './clock-resolution';
import { HostOffsetAccumulator, replyReceived, type HostOffset } from './host-offset';
import { SpanLookup } from './span-lookup';

// Module constants: under tsx/vitest's CommonJS interop each enum member access is a getter call.
const KIND_CLIENT = SpanKind.CLIENT;
const KIND_SERVER = SpanKind.SERVER;
const STATUS_ERROR = StatusCode.ERROR;

export function estimateHostOffsets(spans: readonly AnalysisSpan[]): HostOffset[] {
  const clients = new SpanLookup<AnalysisSpan>();
  for (const span of spans) {
    if (span.kind === KIND_CLIENT && span.endTimeUnixNano >= span.startTimeUnixNano) clients.setFirst(span.traceId, span.spanId, span);
  }
  const acc = new HostOffsetAccumulator();
  const clocks = new ClockKeyCache();
  const hops = new HopSkipper(spans);
  for (const server of spans) {
    if (server.kind !== KIND_SERVER || !server.parentSpanId || server.endTimeUnixNano < server.startTimeUnixNano) continue;
    const clientId = hops.underHop(server) ? hops.parentIdOf(server) : server.parentSpanId;
    const client = clientId ? clients.get(server.traceId, clientId) : undefined;
    if (!client) continue;
    // Times relative to the client's start keep every number small and exact.
    const origin = client.startTimeUnixNano;
    acc.add(
      clocks.keyOf(client.host, client.serviceName),
      clocks.keyOf(server.host, server.serviceName),
      0,
      Number(client.endTimeUnixNano - origin),
      Number(server.startTimeUnixNano - origin),
      Number(server.endTimeUnixNano - origin),
      replyReceived(client.statusCode === STATUS_ERROR, server.statusCode === STATUS_ERROR),
      Math.max(resolutionOfUnixNano(client.startTimeUnixNano), resolutionOfUnixNano(server.startTimeUnixNano)),
    );
  }
  return acc.result();
}

/**
 * The CLIENT→SERVER pairs between one client clock and one server clock, already combined (GET /api/skew
 * has Postgres group the window's pairs): bounds on θ = clock(server) − clock(client) in ns.
 */
export interface ClientServerBounds {
  clientHost: HostIdentity;
  clientService: string;
  serverHost: HostIdentity;
  serverService: string;
  /** Largest serverEnd − clientEnd over pairs whose reply was received; null when none was. */
  lowerNs: number | null;
  /** Smallest serverStart − clientStart. */
  upperNs: number;
  samples: number;
}

export function estimateHostOffsetsFromBounds(groups: readonly ClientServerBounds[]): HostOffset[] {
  const acc = new HostOffsetAccumulator();
  const clocks = new ClockKeyCache();
  for (const g of groups) {
    acc.addBounds(clocks.keyOf(g.clientHost, g.clientService), clocks.keyOf(g.serverHost, g.serverService), g.lowerNs ?? -Infinity, g.upperNs, g.samples);
  }
  return acc.result();
}
