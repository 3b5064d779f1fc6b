// Realistic OTLP trace traffic for the ingest benchmark: 10 services, trees of 10–200 spans, 10–30 attributes
// per span, events on about one span in five, encoded as ExportTraceServiceRequest protobuf batches of about
// `spansPerRequest` spans (whole traces per request, grouped by service resource, as an OTel Collector sends).
// Deterministic (seeded) so runs are comparable.
import { OtlpProto } from '@/lib/domain/otlp/otlp-proto-schema';
import { seededRandom } from '@/test/support/seeded-random';

const SERVICES = ['frontend', 'checkout', 'cart', 'payment', 'shipping', 'email', 'currency', 'catalog', 'ads', 'recommendation'];
const OPS = ['GET /api/cart', 'POST /api/checkout', 'SELECT orders', 'redis GET', 'grpc.Charge', 'kafka.produce', 'render', 'HTTP GET', 'INSERT items', 'cache.lookup'];

function bytes(random: () => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(random() * 256);
  out[0] = out[0]! | 1; // never all zero
  return out;
}

type KV = { key: string; value: Record<string, unknown> };

function attributes(random: () => number, count: number): KV[] {
  const out: KV[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    const key = ['http.route', 'db.statement', 'user.id', 'retry'][kind]! + `.${i}`;
    const value =
      kind === 0
        ? { stringValue: `/api/v1/items/${Math.floor(random() * 1e6)}` }
        : kind === 1
          ? { stringValue: 'SELECT * FROM items WHERE id = $1 AND tenant = $2' }
          : kind === 2
            ? { intValue: Math.floor(random() * 1e9) }
            : { boolValue: random() < 0.5 };
    out.push({ key, value });
  }
  return out;
}

export interface GeneratedTraffic {
  bodies: Uint8Array[];
  spanCount: number;
}

export function generateTraffic(totalSpans: number, spansPerRequest: number, seed = 42): GeneratedTraffic {
  const random = seededRandom(seed);
  const bodies: Uint8Array[] = [];
  let spanCount = 0;
  let pending = new Map<number, unknown[]>(); // service index → spans
  let pendingCount = 0;
  const baseNs = BigInt(Date.now() - 3_600_000) * 1_000_000n;
  const flush = () => {
    const resourceSpans = [...pending].map(([svc, spans]) => ({
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: SERVICES[svc] } },
          { key: 'host.name', value: { stringValue: `host-${svc}` } },
          { key: 'service.version', value: { stringValue: '1.4.2' } },
        ],
      },
      scopeSpans: [{ scope: { name: 'bench', version: '1' }, spans }],
    }));
    bodies.push(OtlpProto.ExportTraceServiceRequest.encode(OtlpProto.ExportTraceServiceRequest.fromObject({ resourceSpans })).finish());
    pending = new Map();
    pendingCount = 0;
  };
  while (spanCount < totalSpans) {
    const size = Math.min(totalSpans - spanCount, 10 + Math.floor(random() * 191));
    const traceId = bytes(random, 16);
    const start = baseNs + BigInt(Math.floor(random() * 3_000_000)) * 1_000_000n;
    const ids: Uint8Array[] = [];
    for (let i = 0; i < size; i++) {
      const spanId = bytes(random, 8);
      const parent = i === 0 ? undefined : ids[Math.floor(random() * i)];
      ids.push(spanId);
      const svc = i === 0 ? 0 : Math.floor(random() * SERVICES.length);
      const s = start + BigInt(i) * 100_000n + BigInt(Math.floor(random() * 1000));
      const e = s + BigInt(Math.floor(random() * 50_000_000));
      const span = {
        traceId,
        spanId,
        parentSpanId: parent,
        name: OPS[Math.floor(random() * OPS.length)],
        kind: 1 + Math.floor(random() * 3),
        startTimeUnixNano: s.toString(),
        endTimeUnixNano: e.toString(),
        attributes: attributes(random, 10 + Math.floor(random() * 21)),
        events: random() < 0.2 ? [{ timeUnixNano: (s + 1000n).toString(), name: 'exception', attributes: [{ key: 'exception.message', value: { stringValue: 'connection reset by peer' } }] }] : [],
        status: { code: random() < 0.05 ? 2 : 0 },
      };
      let list = pending.get(svc);
      if (!list) pending.set(svc, (list = []));
      list.push(span);
      pendingCount++;
    }
    spanCount += size;
    if (pendingCount >= spansPerRequest) flush();
  }
  if (pendingCount > 0) flush();
  return { bodies, spanCount };
}
