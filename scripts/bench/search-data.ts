// Synthetic traces for the search benchmark: a gateway root fanning out over ten services, ~20 spans per
// trace, a few per cent errors, long-tailed durations. Deterministic (seeded) so runs are comparable.
import { DEFAULT_TENANT, SpanKind, StatusCode, type SpanRecord } from '../../lib/domain/model/span';
import { seededRandom } from '../../test/support/seeded-random';

export const BENCH_SERVICES = ['gateway', 'frontend', 'cart', 'checkout', 'payment', 'inventory', 'auth', 'shipping', 'email', 'db-proxy'];
const ROUTES = ['/api/cart', '/api/checkout', '/api/login', '/api/items', '/api/ship', '/api/pay'];

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** Trace number `index` (0-based) of a run, starting at startNs; spans: `spansPerTrace`. */
export function benchTrace(index: number, startNs: bigint, spansPerTrace: number): SpanRecord[] {
  const random = seededRandom(index + 1);
  const traceId = `be${hex(index + 1, 30)}`;
  const spans: SpanRecord[] = [];
  const rootDurationUs = Math.round(5_000 * Math.exp(random() * 5)); // 5 ms … 740 ms, long-tailed
  for (let i = 0; i < spansPerTrace; i++) {
    const parent = i === 0 ? null : (spans[Math.floor(random() * i)] as SpanRecord);
    const service = i === 0 ? 'gateway' : (BENCH_SERVICES[1 + Math.floor(random() * (BENCH_SERVICES.length - 1))] as string);
    const parentStart = parent ? parent.startTimeUnixNano : startNs;
    const parentDur = parent ? parent.endTimeUnixNano - parent.startTimeUnixNano : BigInt(rootDurationUs) * 1000n;
    const offset = parent ? BigInt(Math.floor(Number(parentDur) * random() * 0.3)) : 0n;
    const duration = parent ? BigInt(Math.floor(Number(parentDur - offset) * (0.2 + random() * 0.7))) : parentDur;
    const error = random() < 0.02;
    const server = i === 0 || random() < 0.5;
    const route = ROUTES[Math.floor(random() * ROUTES.length)] as string;
    const status = error ? (random() < 0.5 ? 500 : 503) : 200;
    spans.push({
      tenant: DEFAULT_TENANT,
      traceId,
      spanId: hex(index * 64 + i + 1, 16),
      parentSpanId: parent ? parent.spanId : null,
      traceState: '',
      flags: 1,
      name: server ? `${i === 0 ? 'GET' : 'POST'} ${route}` : `${service}.call`,
      kind: server ? SpanKind.SERVER : SpanKind.CLIENT,
      serviceName: service,
      startTimeUnixNano: parentStart + offset,
      endTimeUnixNano: parentStart + offset + duration,
      statusCode: error ? StatusCode.ERROR : StatusCode.UNSET,
      statusMessage: '',
      attributes: server ? { 'http.route': { stringValue: route }, 'http.status_code': { intValue: String(status) } } : { 'peer.service': { stringValue: service } },
      resourceAttributes: { 'service.name': { stringValue: service }, 'host.name': { stringValue: `${service}-${index % 3}` } },
      scope: { name: 'bench', version: '1', attributes: {} },
      events: [],
      links: [],
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
      host: { id: null, name: `${service}-${index % 3}`, ip: null, serviceInstanceId: null },
    });
  }
  return spans;
}
