// Generates a synthetic trace of N spans for the UI benchmark and e2e fixtures: a tree with fan-out 8
// (depth ~7 at 500k), 12 services on 12 hosts, one host's clock 80 ms ahead (so skew correction has work),
// a few errors and events. Times nest strictly inside parents (before the skewed host's offset is applied).
import { DEFAULT_TENANT, SpanKind, StatusCode, type SpanRecord } from '../../lib/domain/model/span';

const SERVICES = ['frontend', 'gateway', 'cart', 'checkout', 'payment', 'shipping', 'inventory', 'users', 'search', 'ads', 'email', 'db-proxy'];
const FANOUT = 8;
const SKEWED_SERVICE = 'payment';
const SKEW_NS = 80_000_000n;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

export function spanIdFor(i: number): string {
  return hex(i + 1, 16);
}

export function generateTrace(traceId: string, count: number, startUnixNano: bigint): SpanRecord[] {
  return [...generateTraceChunks(traceId, count, startUnixNano, count)].flat();
}

/** The same trace in chunks, so a 500k-span trace never exists as 500k objects at once. */
export function* generateTraceChunks(traceId: string, count: number, startUnixNano: bigint, chunkSize: number): Generator<SpanRecord[]> {
  let spans: SpanRecord[] = [];
  const rootDuration = 10_000_000_000n;
  const start: bigint[] = new Array(count);
  const duration: bigint[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const parent = i === 0 ? -1 : Math.floor((i - 1) / FANOUT);
    const slot = i === 0 ? 0 : (i - 1) % FANOUT;
    if (parent < 0) {
      start[i] = startUnixNano;
      duration[i] = rootDuration;
    } else {
      const slice = duration[parent]! / BigInt(FANOUT);
      start[i] = start[parent]! + slice * BigInt(slot) + slice / 20n;
      duration[i] = (slice * 9n) / 10n;
    }
    const service = SERVICES[i === 0 ? 0 : (parent * 7 + slot) % SERVICES.length]!;
    const skew = service === SKEWED_SERVICE ? SKEW_NS : 0n;
    const error = i % 997 === 13;
    if (spans.length === chunkSize) {
      yield spans;
      spans = [];
    }
    spans.push({
      tenant: DEFAULT_TENANT,
      traceId,
      spanId: spanIdFor(i),
      parentSpanId: parent < 0 ? null : spanIdFor(parent),
      traceState: '',
      flags: 1,
      name: `${service} ${['GET /api/items', 'POST /api/order', 'SELECT items', 'publish event', 'render'][i % 5]}`,
      kind: i === 0 ? SpanKind.SERVER : i % 2 === 0 ? SpanKind.CLIENT : SpanKind.SERVER,
      serviceName: service,
      startTimeUnixNano: start[i]! + skew,
      endTimeUnixNano: start[i]! + duration[i]! + skew,
      statusCode: error ? StatusCode.ERROR : StatusCode.UNSET,
      statusMessage: error ? 'upstream failed' : '',
      attributes: {
        'http.method': { stringValue: i % 2 ? 'GET' : 'POST' },
        'http.route': { stringValue: `/api/items/${i % 50}` },
        'item.index': { intValue: String(i) },
      },
      resourceAttributes: { 'service.name': { stringValue: service }, 'host.name': { stringValue: `host-${service}` } },
      scope: { name: 'bench', version: '1', attributes: {} },
      events: i % 50 === 0 ? [{ timeUnixNano: start[i]! + skew + duration[i]! / 2n, name: 'cache.miss', attributes: {}, droppedAttributesCount: 0 }] : [],
      links: [],
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
      host: { id: null, name: `host-${service}`, ip: null, serviceInstanceId: null },
    });
  }
  if (spans.length > 0) yield spans;
}
