// Decodes requests produced by the real OTel JS serializers (protobuf and JSON) and checks every field.
import { ProtobufLogsSerializer, ProtobufTraceSerializer, JsonTraceSerializer, JsonLogsSerializer } from '@opentelemetry/otlp-transformer';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { LoggerProvider, InMemoryLogRecordExporter, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SpanKind as ApiKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { describe, expect, it } from 'vitest';
import { decodeOtlpLogsJson, decodeOtlpTraceJson } from './decode-otlp-json';
import { decodeOtlpLogsProto, decodeOtlpTraceProto } from './decode-otlp-proto';
import { spansFromOtlp } from './spans-from-otlp';
import { logsFromOtlp } from './logs-from-otlp';
import { OtlpDecodeError } from './otlp-request';

function makeSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'checkout', 'host.name': 'box-1', 'deployment.environment': 'prod' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('scope-a', '1.2.3');
  const t0 = 1_700_000_000_123; // ms, with a fractional ns part below
  const root = tracer.startSpan('GET /cart', { kind: ApiKind.SERVER, startTime: [1_700_000_000, 123_456_789] });
  root.setAttributes({ s: 'x', i: 42, d: 1.5, b: true, arr: ['a', 'b'], ints: [1, 2] });
  root.addEvent('cache-miss', { key: 'k1' }, [1_700_000_000, 200_000_001]);
  const ctx = trace.setSpan(context.active(), root);
  const child = tracer.startSpan('SELECT', { kind: ApiKind.CLIENT, startTime: t0 + 1, links: [{ context: root.spanContext(), attributes: { why: 'retry' } }] }, ctx);
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  child.end(t0 + 5);
  root.end([1_700_000_001, 1]);
  return { spans: exporter.getFinishedSpans(), root, child };
}

describe('OTLP trace decoding', () => {
  for (const [name, decode] of [
    ['protobuf', () => decodeOtlpTraceProto(ProtobufTraceSerializer.serializeRequest(makeSpans().spans)!)],
    ['json', () => decodeOtlpTraceJson(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(makeSpans().spans)!))],
  ] as const) {
    it(`maps a real SDK ${name} request onto SpanRecords exactly`, () => {
      const { spans, rejected } = spansFromOtlp(decode(), 'acme');
      expect(rejected).toBe(0);
      expect(spans).toHaveLength(2);
      const root = spans.find((s) => s.name === 'GET /cart')!;
      const child = spans.find((s) => s.name === 'SELECT')!;
      expect(root.tenant).toBe('acme');
      expect(root.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(child.traceId).toBe(root.traceId);
      expect(child.parentSpanId).toBe(root.spanId);
      expect(root.parentSpanId).toBeNull();
      expect(root.startTimeUnixNano).toBe(1_700_000_000_123_456_789n);
      expect(root.endTimeUnixNano).toBe(1_700_000_001_000_000_001n);
      expect(root.kind).toBe(2);
      expect(child.kind).toBe(3);
      expect(root.serviceName).toBe('checkout');
      expect(root.host.name).toBe('box-1');
      expect(root.resourceAttributes['deployment.environment']).toEqual({ stringValue: 'prod' });
      expect(root.scope).toEqual({ name: 'scope-a', version: '1.2.3', attributes: {} });
      expect(root.attributes).toEqual({
        s: { stringValue: 'x' },
        i: { intValue: '42' },
        d: { doubleValue: 1.5 },
        b: { boolValue: true },
        arr: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } },
        ints: { arrayValue: { values: [{ intValue: '1' }, { intValue: '2' }] } },
      });
      expect(root.events).toEqual([{ timeUnixNano: 1_700_000_000_200_000_001n, name: 'cache-miss', attributes: { key: { stringValue: 'k1' } }, droppedAttributesCount: 0 }]);
      expect(child.statusCode).toBe(2);
      expect(child.statusMessage).toBe('boom');
      expect(child.links).toHaveLength(1);
      expect(child.links[0]).toMatchObject({ traceId: root.traceId, spanId: root.spanId, attributes: { why: { stringValue: 'retry' } } });
      expect(child.flags & 1).toBe(1);
    });
  }

  it('rejects bad spans one by one and keeps the valid ones', () => {
    const good = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), name: 'ok', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000000005000' };
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
          scopeSpans: [
            {
              spans: [
                good,
                { ...good, traceId: 'abc' },
                { ...good, traceId: '0'.repeat(32) },
                { ...good, spanId: 'q'.repeat(16) },
                { ...good, endTimeUnixNano: '1' },
                { ...good, parentSpanId: '1234' },
                { ...good, spanId: 'c'.repeat(16), parentSpanId: '0000000000000000', kind: 'SPAN_KIND_SERVER' },
              ],
            },
          ],
        },
      ],
    });
    const result = spansFromOtlp(decodeOtlpTraceJson(body), 'default');
    expect(result.spans.map((s) => s.spanId)).toEqual(['b'.repeat(16), 'c'.repeat(16)]);
    expect(result.spans[1]!.parentSpanId).toBeNull();
    expect(result.spans[1]!.kind).toBe(2);
    expect(result.spans[0]!.endTimeUnixNano).toBe(1_700_000_000_000_005_000n);
    expect(result.rejected).toBe(5);
    expect(result.errorMessage).toContain('invalid trace id (2)');
    expect(result.errorMessage).toContain('end time before start time (1)');
  });

  it('throws OtlpDecodeError for undecodable bodies', () => {
    expect(() => decodeOtlpTraceJson('{"resourceSpans": [')).toThrow(OtlpDecodeError);
    expect(() => decodeOtlpTraceJson('{"resourceSpans": {}}')).toThrow(/resourceSpans: expected an array/);
    expect(() => decodeOtlpTraceJson('[1]')).toThrow(OtlpDecodeError);
    const bytes = ProtobufTraceSerializer.serializeRequest(makeSpans().spans)!;
    expect(() => decodeOtlpTraceProto(bytes.subarray(0, bytes.length - 7))).toThrow(OtlpDecodeError);
    expect(() => decodeOtlpTraceProto(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f, 1, 2]))).toThrow(OtlpDecodeError);
  });
});

describe('OTLP logs decoding', () => {
  async function makeLogs() {
    const exporter = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': 'api', 'k8s.pod.name': 'api-1' }),
      processors: [new SimpleLogRecordProcessor({ exporter })],
    });
    const span = trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 });
    provider.getLogger('lg', '9').emit({
      timestamp: [1_700_000_000, 5],
      severityNumber: SeverityNumber.WARN,
      severityText: 'WARN',
      body: 'disk almost full',
      attributes: { 'disk.pct': 93, path: '/var' },
      context: trace.setSpan(context.active(), span),
    });
    await provider.forceFlush();
    await new Promise((r) => setTimeout(r, 10));
    return exporter.getFinishedLogRecords();
  }
  for (const [name, decode] of [
    ['protobuf', async () => decodeOtlpLogsProto(ProtobufLogsSerializer.serializeRequest(await makeLogs())!)],
    ['json', async () => decodeOtlpLogsJson(new TextDecoder().decode(JsonLogsSerializer.serializeRequest(await makeLogs())!))],
  ] as const) {
    it(`maps a real SDK ${name} logs request onto LogRecordInputs`, async () => {
      const { logs, rejected } = logsFromOtlp(await decode(), 't1');
      expect(rejected).toBe(0);
      expect(logs).toHaveLength(1);
      const log = logs[0]!;
      expect(log).toMatchObject({
        tenant: 't1',
        traceId: '1'.repeat(32),
        spanId: '2'.repeat(16),
        timeUnixNano: 1_700_000_000_000_000_005n,
        line: 'disk almost full',
        severityText: 'WARN',
        severityNumber: 13,
        labels: { service_name: 'api', k8s_pod_name: 'api-1' },
        metadata: { disk_pct: '93', path: '/var', scope_name: 'lg' },
      });
      expect(log.observedTimeUnixNano).not.toBeNull();
    });
  }
});

describe('OTLP logs rejections', () => {
  it('falls back to observed time, rejects records without time or with malformed ids, keeps the rest', () => {
    const rec = (extra: Record<string, unknown>) => ({ body: { stringValue: 'line' }, timeUnixNano: '1700000000000000001', ...extra });
    const body = JSON.stringify({
      resourceLogs: [
        {
          resource: {
            attributes: [
              { key: 'service.name', value: { stringValue: 'api' } },
              { key: 'k8s.pod.name', value: { stringValue: 'p1' } },
            ],
          },
          scopeLogs: [
            {
              logRecords: [
                rec({}),
                rec({ timeUnixNano: '0', observedTimeUnixNano: '1700000000000000009', severityNumber: 'SEVERITY_NUMBER_WARN2' }),
                rec({ timeUnixNano: undefined }),
                rec({ traceId: 'abc' }),
                rec({ traceId: '0'.repeat(32), spanId: '' }),
                rec({ spanId: '12345' }),
                rec({ body: { kvlistValue: { values: [{ key: 'msg', value: { stringValue: 'hi' } }] } } }),
              ],
            },
          ],
        },
      ],
    });
    const { logs, rejected, errorMessage } = logsFromOtlp(decodeOtlpLogsJson(body), 't');
    expect(rejected).toBe(3);
    expect(errorMessage).toBe('3 rejected: missing time (1), invalid trace id (1), invalid span id (1)');
    expect(logs).toHaveLength(4);
    expect(logs[1]).toMatchObject({ timeUnixNano: 1_700_000_000_000_000_009n, observedTimeUnixNano: 1_700_000_000_000_000_009n, severityNumber: 14 });
    expect(logs[2]).toMatchObject({ traceId: null, spanId: null });
    expect(logs[3]!.line).toBe('{"msg":"hi"}');
    expect(logs[0]!.labels).toEqual({ service_name: 'api', k8s_pod_name: 'p1' });
  });
});
