// Builds SpanRecords for tests with sensible defaults; override what the test is about.
import { DEFAULT_TENANT, SpanKind, StatusCode, type SpanRecord } from '@/lib/domain/model/span';

export function makeSpan(overrides: Partial<SpanRecord> & Pick<SpanRecord, 'traceId' | 'spanId'>): SpanRecord {
  const start = overrides.startTimeUnixNano ?? BigInt(Date.now()) * 1_000_000n;
  return {
    tenant: DEFAULT_TENANT,
    parentSpanId: null,
    traceState: '',
    flags: 1,
    name: 'op',
    kind: SpanKind.INTERNAL,
    serviceName: 'svc',
    startTimeUnixNano: start,
    endTimeUnixNano: start + 1_000_000n,
    statusCode: StatusCode.UNSET,
    statusMessage: '',
    attributes: {},
    resourceAttributes: { 'service.name': { stringValue: overrides.serviceName ?? 'svc' } },
    scope: { name: 'test', version: '1', attributes: {} },
    events: [],
    links: [],
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    host: { id: null, name: null, ip: null, serviceInstanceId: null },
    ...overrides,
  };
}
