// Compact span builder for analysis tests: readable span ids, times in milliseconds from a fixed epoch,
// host given as a name. Draw the tree in an ASCII comment above each fixture.
import { SpanKind, StatusCode, type SpanRecord } from '@/lib/domain/model/span';
import { makeSpan } from './make-span';

export const T0 = 1_700_000_000_000_000_000n;
export const MS = 1_000_000n;

export interface FixtureSpan {
  parent?: string | null;
  service?: string;
  host?: string;
  name?: string;
  kind?: keyof typeof SpanKind;
  /** Milliseconds from T0. */
  start: number;
  /** Milliseconds from T0; null for a span that never finished. */
  end: number | null;
  error?: boolean;
  attributes?: SpanRecord['attributes'];
  links?: string[];
  traceId?: string;
}

export const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

export function span(spanId: string, f: FixtureSpan): SpanRecord {
  const service = f.service ?? 'svc';
  const traceId = f.traceId ?? TRACE_ID;
  return makeSpan({
    traceId,
    spanId,
    parentSpanId: f.parent ?? null,
    name: f.name ?? `${service}-op`,
    serviceName: service,
    kind: SpanKind[f.kind ?? 'INTERNAL'],
    startTimeUnixNano: T0 + ms(f.start),
    endTimeUnixNano: f.end === null ? 0n : T0 + ms(f.end),
    statusCode: f.error ? StatusCode.ERROR : StatusCode.UNSET,
    statusMessage: f.error ? 'boom' : '',
    attributes: f.attributes ?? {},
    host: { id: null, name: f.host ?? `${service}-host`, ip: null, serviceInstanceId: null },
    links: (f.links ?? []).map((id) => ({ traceId, spanId: id, traceState: '', attributes: {}, droppedAttributesCount: 0, flags: 0 })),
  });
}

/** Milliseconds (may be fractional down to 1 ns) as bigint nanoseconds. */
export function ms(value: number): bigint {
  return BigInt(Math.round(value * 1e6));
}
