import { describe, expect, it } from 'vitest';
import { SpanKind, StatusCode } from '../model/span';
import { makeSpan } from '@/test/support/make-span';
import { jaegerSearchToTraceQL, parseJaegerTags } from './jaeger-query';
import { parseJaegerDuration } from './parse-jaeger-duration';
import { toJaegerTrace } from './to-jaeger-trace';

const T = 'ab000000000000000000000000000001';

describe('toJaegerTrace', () => {
  it('maps spans to Jaeger spans with microsecond times, CHILD_OF references, tags, logs and shared processes', () => {
    //  root (gateway, server)
    //  └─ child (payment, client, error, one event)
    const root = makeSpan({
      traceId: T,
      spanId: '0000000000000001',
      serviceName: 'gateway',
      name: 'GET /',
      kind: SpanKind.SERVER,
      startTimeUnixNano: 1_764_000_000_123_456_789n,
      endTimeUnixNano: 1_764_000_000_223_456_789n,
      attributes: { 'http.status_code': { intValue: '500' }, 'http.route': { stringValue: '/' } },
      resourceAttributes: { 'service.name': { stringValue: 'gateway' }, 'host.name': { stringValue: 'gw-1' } },
    });
    const child = makeSpan({
      traceId: T,
      spanId: '0000000000000002',
      parentSpanId: '0000000000000001',
      serviceName: 'payment',
      name: 'charge',
      kind: SpanKind.CLIENT,
      statusCode: StatusCode.ERROR,
      statusMessage: 'card declined',
      startTimeUnixNano: 1_764_000_000_133_456_789n,
      endTimeUnixNano: 1_764_000_000_143_456_789n,
      events: [{ timeUnixNano: 1_764_000_000_140_000_000n, name: 'exception', attributes: { 'exception.type': { stringValue: 'Declined' } }, droppedAttributesCount: 0 }],
    });
    const second = makeSpan({ ...root, spanId: '0000000000000003', parentSpanId: '0000000000000001' });
    const trace = toJaegerTrace(T, [root, child, second]);
    expect(Object.keys(trace.processes)).toEqual(['p1', 'p2']);
    expect(trace.processes.p1).toEqual({ serviceName: 'gateway', tags: [{ key: 'host.name', type: 'string', value: 'gw-1' }] });
    expect(trace.spans[0]).toMatchObject({ traceID: T, spanID: '0000000000000001', operationName: 'GET /', references: [], startTime: 1_764_000_000_123_456, duration: 100_000, processID: 'p1' });
    expect(trace.spans[0]?.tags).toEqual([
      { key: 'http.status_code', type: 'int64', value: 500 },
      { key: 'http.route', type: 'string', value: '/' },
      { key: 'span.kind', type: 'string', value: 'server' },
      { key: 'otel.scope.name', type: 'string', value: 'test' },
    ]);
    expect(trace.spans[1]).toMatchObject({ references: [{ refType: 'CHILD_OF', traceID: T, spanID: '0000000000000001' }], processID: 'p2', duration: 10_000 });
    expect(trace.spans[1]?.tags).toEqual(
      expect.arrayContaining([
        { key: 'error', type: 'bool', value: true },
        { key: 'otel.status_description', type: 'string', value: 'card declined' },
      ]),
    );
    expect(trace.spans[1]?.logs).toEqual([
      {
        timestamp: 1_764_000_000_140_000,
        fields: [
          { key: 'event', type: 'string', value: 'exception' },
          { key: 'exception.type', type: 'string', value: 'Declined' },
        ],
      },
    ]);
    expect(trace.spans[2]?.processID).toBe('p1');
  });
});

describe('parseJaegerDuration', () => {
  it.each<[string, bigint | null]>([
    ['100ms', 100_000_000n],
    ['1.5s', 1_500_000_000n],
    ['1m30s', 90_000_000_000n],
    ['250us', 250_000n],
    ['3µs', 3_000n],
    ['0', 0n],
    ['', null],
    ['5', null],
    ['1x', null],
    ['1s garbage', null],
  ])('%j → %s', (text, ns) => expect(parseJaegerDuration(text)).toBe(ns));
});

describe('parseJaegerTags', () => {
  it('reads JSON and logfmt, rejects junk', () => {
    expect(parseJaegerTags('{"http.status_code":500,"error":"true"}')).toEqual({ 'http.status_code': '500', error: 'true' });
    expect(parseJaegerTags('a=1 b="two words"')).toEqual({ a: '1', b: 'two words' });
    expect(parseJaegerTags(null)).toEqual({});
    expect(parseJaegerTags('[1]')).toBeNull();
    expect(parseJaegerTags('{oops')).toBeNull();
  });
});

describe('jaegerSearchToTraceQL', () => {
  it('builds one selector of service, operation, tags and duration bounds', () => {
    const expr = jaegerSearchToTraceQL({ service: 'payment', operation: 'charge', tags: { 'http.status_code': '500' }, minDurationNs: 1n });
    expect(expr.type).toBe('selector');
    expect(JSON.stringify(expr, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).toContain('"text":"500"');
  });
});
