// Traces shared by the Jaeger v3 and Tempo API tests, sent through the real OTLP/HTTP ingest endpoint.
//
// trace A (checkout, 40 ms, one error, one orphan):
//   frontend  GET /checkout   SERVER  0–40ms   http.route=/checkout
//   └─ frontend  POST /pay     CLIENT  2–30ms
//      └─ payments  charge     SERVER  3–29ms   ERROR, http.status_code=500, amount=12.5
//         └─ payments  db.query CLIENT  5–10ms   db.system=postgresql
//   (?) payments  retry        INTERNAL 31–33ms  parent 00000000000000ff is not in the trace
// trace B (health, 1 ms): frontend GET /health SERVER
import { SpanKind, StatusCode, type SpanRecord } from '@/lib/domain/model/span';
import { makeSpan } from '@/test/support/make-span';

export const TRACE_A = 'aaaaaaaaaaaaaaaa0000000000000001';
export const TRACE_B = 'bbbbbbbbbbbbbbbb0000000000000002';
const MS = 1_000_000n;

export function grafanaTraces(baseNs: bigint): SpanRecord[] {
  const at = (ms: number) => baseNs + BigInt(ms) * MS;
  const frontend = { serviceName: 'frontend', resourceAttributes: { 'service.name': { stringValue: 'frontend' }, 'deployment.environment': { stringValue: 'test' } } };
  const payments = { serviceName: 'payments', resourceAttributes: { 'service.name': { stringValue: 'payments' } } };
  return [
    makeSpan({
      traceId: TRACE_A,
      spanId: '0000000000000a01',
      name: 'GET /checkout',
      kind: SpanKind.SERVER,
      ...frontend,
      startTimeUnixNano: at(0),
      endTimeUnixNano: at(40),
      attributes: { 'http.route': { stringValue: '/checkout' } },
    }),
    makeSpan({
      traceId: TRACE_A,
      spanId: '0000000000000a02',
      parentSpanId: '0000000000000a01',
      name: 'POST /pay',
      kind: SpanKind.CLIENT,
      ...frontend,
      startTimeUnixNano: at(2),
      endTimeUnixNano: at(30),
    }),
    makeSpan({
      traceId: TRACE_A,
      spanId: '0000000000000a03',
      parentSpanId: '0000000000000a02',
      name: 'charge',
      kind: SpanKind.SERVER,
      ...payments,
      startTimeUnixNano: at(3),
      endTimeUnixNano: at(29),
      statusCode: StatusCode.ERROR,
      statusMessage: 'card declined',
      attributes: { 'http.status_code': { intValue: '500' }, amount: { doubleValue: 12.5 } },
    }),
    makeSpan({
      traceId: TRACE_A,
      spanId: '0000000000000a04',
      parentSpanId: '0000000000000a03',
      name: 'db.query',
      kind: SpanKind.CLIENT,
      ...payments,
      startTimeUnixNano: at(5),
      endTimeUnixNano: at(10),
      attributes: { 'db.system': { stringValue: 'postgresql' } },
    }),
    makeSpan({
      traceId: TRACE_A,
      spanId: '0000000000000a05',
      parentSpanId: '00000000000000ff',
      name: 'retry',
      kind: SpanKind.INTERNAL,
      ...payments,
      startTimeUnixNano: at(31),
      endTimeUnixNano: at(33),
    }),
    makeSpan({ traceId: TRACE_B, spanId: '0000000000000b01', name: 'GET /health', kind: SpanKind.SERVER, ...frontend, startTimeUnixNano: at(100), endTimeUnixNano: at(101) }),
  ];
}
