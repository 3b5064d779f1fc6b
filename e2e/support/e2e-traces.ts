// The traces the trace-page e2e tests open, built as SpanRecords. Drawn (services in brackets):
//
//   GET /checkout [frontend]
//   ├── POST /cart [cart]
//   │   └── SELECT cart_items [db]          error; attributes carry an XSS payload
//   └── POST /pay [payment]                 payment's host clock runs 80 ms ahead (skew)
//       └── charge card [payment]           has an event
//   (missing parent 00000000deadbeef)
//   └── late orphan [email]
import { SpanKind, StatusCode, type SpanRecord } from '../../lib/domain/model/span';
import { makeSpan } from '../../test/support/make-span';

export const E2E_TRACE_ID = '00000000000000000000000000e2e001';
export const XSS_SPAN_ID = '0000000000000003';
export const SKEWED_SPAN_ID = '0000000000000004';
export const XSS_IMG = '<img src=x onerror=alert(1)>';
export const XSS_SCRIPT = '<script>alert(2)</script>';

const MS = 1_000_000n;
// Day-aligned, so seeding again (Playwright re-runs beforeAll in a fresh worker after a failure) stores the
// same rows and ON CONFLICT DO NOTHING keeps the trace unchanged.
const BASE = BigInt(Math.floor(Date.now() / 86_400_000) * 86_400_000) * MS;

function span(id: number, parent: number | null, name: string, service: string, startMs: number, endMs: number, extra: Partial<SpanRecord> = {}): SpanRecord {
  const host = service === 'payment' ? 'pay-host' : `${service}-host`;
  return makeSpan({
    traceId: E2E_TRACE_ID,
    spanId: id.toString(16).padStart(16, '0'),
    parentSpanId: parent === null ? null : parent.toString(16).padStart(16, '0'),
    name,
    kind: SpanKind.SERVER,
    serviceName: service,
    startTimeUnixNano: BASE + BigInt(startMs) * MS,
    endTimeUnixNano: BASE + BigInt(endMs) * MS,
    resourceAttributes: { 'service.name': { stringValue: service }, 'host.name': { stringValue: host } },
    host: { id: null, name: host, ip: null, serviceInstanceId: null },
    scope: { name: 'e2e', version: '1', attributes: {} },
    ...extra,
  });
}

export function e2eTraceSpans(): SpanRecord[] {
  const root = span(1, null, 'GET /checkout', 'frontend', 0, 200, { kind: SpanKind.SERVER });
  return [
    root,
    span(2, 1, 'POST /cart', 'cart', 10, 60, { kind: SpanKind.SERVER }),
    span(3, 2, 'SELECT cart_items', 'db', 15, 50, {
      kind: SpanKind.CLIENT,
      statusCode: StatusCode.ERROR,
      statusMessage: 'deadlock detected',
      attributes: { 'db.statement': { stringValue: XSS_IMG }, 'note.script': { stringValue: XSS_SCRIPT } },
    }),
    // Child of the root but its host clock is 80 ms ahead: raw it starts at 150 ms and ends after its parent.
    span(4, 1, 'POST /pay', 'payment', 70 + 80, 190 + 80, {
      events: [{ timeUnixNano: BASE + 200n * MS, name: 'card.authorized', attributes: {}, droppedAttributesCount: 0 }],
    }),
    span(5, 4, 'charge card', 'payment', 80 + 80, 180 + 80, { kind: SpanKind.CLIENT }),
    span(6, 0xdeadbeef, 'late orphan', 'email', 100, 120),
  ];
}
