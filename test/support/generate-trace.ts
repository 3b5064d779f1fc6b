// Generates a realistic synthetic trace of about `spanCount` spans for tests and benchmarks: services on
// their own hosts (each host clock off by a known amount), CLIENT→SERVER pairs across services, internal
// work, sequential and parallel children, some errors. Deterministic for a given seed.
import { SpanKind, StatusCode, type SpanRecord } from '@/lib/domain/model/span';
import { makeSpan } from './make-span';
import { seededRandom } from './seeded-random';

export interface GeneratedTrace {
  spans: SpanRecord[];
  /** Injected clock offset of each host name, nanoseconds (host "h0" is the reference, 0). */
  hostOffsetNs: Map<string, number>;
}

export function generateTrace(spanCount: number, seed = 1, traceIndex = 0, serviceCount = 20, startUnixNano = 1_700_000_000_000_000_000n): GeneratedTrace {
  const rnd = seededRandom(seed);
  const traceId = (traceIndex + 1).toString(16).padStart(32, '0');
  const base = startUnixNano + BigInt(traceIndex) * 10_000_000_000n;
  const hostOffsetNs = new Map<string, number>();
  for (let s = 0; s < serviceCount; s++) hostOffsetNs.set(`h${s}`, s === 0 ? 0 : Math.round((rnd() - 0.5) * 200e6));
  const spans: SpanRecord[] = [];
  let nextId = 1;
  // Ids as flat strings, and a parent id as a separate copy of the parent's id, as JSON.parse or a database
  // driver would hand them over (a padStart result is a rope, which makes every hash lookup slower).
  const newId = () => flatCopy((nextId++).toString(16).padStart(16, '0'));
  interface Pending {
    id: string;
    service: number;
    start: number;
    end: number;
  }
  const emit = (id: string, parent: string | null, service: number, kind: SpanKind, start: number, end: number, error: boolean): void => {
    const host = `h${service}`;
    const skew = hostOffsetNs.get(host)!;
    spans.push(
      makeSpan({
        traceId,
        spanId: id,
        parentSpanId: parent === null ? null : flatCopy(parent),
        name: `op-${service}-${kind}`,
        kind,
        serviceName: `service-${service}`,
        startTimeUnixNano: base + BigInt(Math.round(start + skew)),
        endTimeUnixNano: base + BigInt(Math.round(end + skew)),
        statusCode: error ? StatusCode.ERROR : StatusCode.UNSET,
        host: { id: null, name: host, ip: null, serviceInstanceId: null },
      }),
    );
  };
  const rootId = newId();
  emit(rootId, null, 0, SpanKind.SERVER, 0, 2e9, false);
  const queue: Pending[] = [{ id: rootId, service: 0, start: 0, end: 2e9 }];
  for (let head = 0; head < queue.length && spans.length < spanCount; head++) {
    const p = queue[head]!;
    const children = 1 + Math.floor(rnd() * 5);
    const window = p.end - p.start;
    const slot = window / children;
    for (let c = 0; c < children && spans.length < spanCount; c++) {
      const parallel = rnd() < 0.3;
      const s = parallel ? p.start + rnd() * window * 0.2 : p.start + c * slot + slot * 0.05;
      const e = s + (parallel ? window * 0.5 : slot * 0.9) * (0.3 + rnd() * 0.7);
      const error = rnd() < 0.002;
      if (rnd() < 0.5 && spans.length + 2 <= spanCount) {
        const clientId = newId();
        emit(clientId, p.id, p.service, SpanKind.CLIENT, s, e, error);
        const target = Math.floor(rnd() * serviceCount);
        const latency = (e - s) * 0.05 * rnd();
        const serverId = newId();
        const ss = s + latency;
        const se = e - latency * rnd();
        emit(serverId, clientId, target, SpanKind.SERVER, ss, se, error);
        queue.push({ id: serverId, service: target, start: ss, end: se });
      } else {
        const id = newId();
        emit(id, p.id, p.service, SpanKind.INTERNAL, s, e, error);
        queue.push({ id, service: p.service, start: s, end: e });
      }
    }
  }
  return { spans, hostOffsetNs };
}

function flatCopy(text: string): string {
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return String.fromCharCode(...codes);
}
