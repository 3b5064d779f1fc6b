// Zipkin "shared spans": Zipkin clients (zipkin-js, Brave, aiozipkin) report the client and the server half
// of one call under ONE span id, the server half marked `shared: true`. Stored as they are, two spans carry
// the same id, the server's children hang under whichever half the reader meets first, and the waterfall,
// root causes, cycles and dependency edges go wrong. Split them the way Zipkin's own tree does:
// - the server half (a SERVER span marked shared, or a SERVER span with the id of a CLIENT span of the same
//   trace among the given spans) gets a new id derived from the shared one, with the client half as its
//   parent;
// - spans naming the shared id as their parent and reported by the server's service (its local endpoint) are
//   the server's children: they move under the server half. Others (the client's own local work) stay.
// The derived id is a pure function of the shared one, so halves and children split in different requests
// still meet, as long as each child arrives with (or after) the knowledge that its parent was shared: a
// child reported in a request without its server half keeps the shared id as parent (under the client half).
import { SpanKind, type SpanRecord } from '../model/span';

export function splitSharedSpans(spans: SpanRecord[], markedShared: ReadonlySet<number>): void {
  const clientIds = new Set<string>();
  for (const s of spans) if (s.kind === SpanKind.CLIENT) clientIds.add(`${s.traceId}/${s.spanId}`);
  // trace/sharedId → server half's service and its new id
  const split = new Map<string, { service: string; id: string }>();
  spans.forEach((s, i) => {
    if (s.kind !== SpanKind.SERVER) return;
    const key = `${s.traceId}/${s.spanId}`;
    if (!markedShared.has(i) && !clientIds.has(key)) return;
    const id = derivedServerId(s.spanId);
    split.set(key, { service: s.serviceName, id });
    s.parentSpanId = s.spanId;
    s.spanId = id;
  });
  if (split.size === 0) return;
  for (const s of spans) {
    if (!s.parentSpanId) continue;
    const server = split.get(`${s.traceId}/${s.parentSpanId}`);
    if (server && s.spanId !== server.id && s.serviceName === server.service) s.parentSpanId = server.id;
  }
}

/** A stable 64-bit id for the server half of a shared span: FNV-1a of the shared id, as 16 hex digits. */
export function derivedServerId(sharedId: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < sharedId.length; i++) {
    const c = sharedId.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (c + 0x9e), 0x01000193) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
