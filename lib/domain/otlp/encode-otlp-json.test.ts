// The ?format=otlp export: grouping by resource and scope, and a lossless round trip through the JSON decoder.
import { describe, expect, it } from 'vitest';
import type { TracePayload } from '../model/trace-payload';
import { decodeOtlpTraceJson } from './decode-otlp-json';
import { encodeOtlpJsonTrace } from './encode-otlp-json';
import { spansFromOtlp } from './spans-from-otlp';

const host = { id: null, name: null, ip: null, serviceInstanceId: null };
const span = (spanId: string, parentSpanId: string | null, resourceIndex: number, scopeIndex: number) => ({
  spanId,
  parentSpanId,
  name: `op-${spanId.slice(0, 2)}`,
  kind: 2 as const,
  startTimeUnixNano: '1700000000000000001',
  endTimeUnixNano: '1700000000000000999',
  statusCode: 2 as const,
  statusMessage: 'bad',
  traceState: 'k=v',
  flags: 1,
  attributes: { n: { intValue: '9223372036854775807' }, b: { bytesValue: 'AQI=' } },
  events: [{ timeUnixNano: '1700000000000000500', name: 'e', attributes: {}, droppedAttributesCount: 1 }],
  links: [{ traceId: 'c'.repeat(32), spanId: 'd'.repeat(16), traceState: '', attributes: {}, droppedAttributesCount: 0, flags: 0 }],
  droppedAttributesCount: 2,
  droppedEventsCount: 3,
  droppedLinksCount: 4,
  resourceIndex,
  scopeIndex,
});

const trace: TracePayload = {
  traceId: 'a'.repeat(32),
  tenant: 'default',
  summary: { traceId: 'a'.repeat(32), rootService: 'x', rootName: 'op', startUnixNano: '1', durationNs: '1', spanCount: 3, errorCount: 3, services: ['x', 'y'] },
  resources: [
    { serviceName: 'x', attributes: { 'service.name': { stringValue: 'x' } }, host },
    { serviceName: 'y', attributes: { 'service.name': { stringValue: 'y' } }, host },
  ],
  scopes: [
    { name: 's1', version: '1', attributes: {} },
    { name: 's2', version: '', attributes: {} },
  ],
  spans: [span('1'.repeat(16), null, 0, 0), span('2'.repeat(16), '1'.repeat(16), 1, 0), span('3'.repeat(16), '1'.repeat(16), 0, 1)],
};

describe('encodeOtlpJsonTrace', () => {
  it('groups spans by resource then scope', () => {
    const otlp = encodeOtlpJsonTrace(trace);
    expect(otlp.resourceSpans).toHaveLength(2);
    expect(otlp.resourceSpans[0]!.scopeSpans.map((s) => [s.scope.name, s.spans.map((x) => x.spanId)])).toEqual([
      ['s1', ['1'.repeat(16)]],
      ['s2', ['3'.repeat(16)]],
    ]);
    expect(otlp.resourceSpans[1]!.scopeSpans[0]!.spans[0]!.parentSpanId).toBe('1'.repeat(16));
    expect(otlp.resourceSpans[0]!.scopeSpans[0]!.spans[0]).not.toHaveProperty('parentSpanId');
  });

  it('round-trips through the OTLP JSON decoder without loss', () => {
    const decoded = spansFromOtlp(decodeOtlpTraceJson(JSON.stringify(encodeOtlpJsonTrace(trace))), 'default');
    expect(decoded.rejected).toBe(0);
    const s = decoded.spans.find((x) => x.spanId === '2'.repeat(16))!;
    expect(s).toMatchObject({
      traceId: 'a'.repeat(32),
      parentSpanId: '1'.repeat(16),
      serviceName: 'y',
      traceState: 'k=v',
      flags: 1,
      kind: 2,
      startTimeUnixNano: 1_700_000_000_000_000_001n,
      endTimeUnixNano: 1_700_000_000_000_000_999n,
      statusCode: 2,
      statusMessage: 'bad',
      attributes: { n: { intValue: '9223372036854775807' }, b: { bytesValue: 'AQI=' } },
      droppedAttributesCount: 2,
      droppedEventsCount: 3,
      droppedLinksCount: 4,
    });
    expect(s.events).toEqual([{ timeUnixNano: 1_700_000_000_000_000_500n, name: 'e', attributes: {}, droppedAttributesCount: 1 }]);
    expect(s.links[0]).toMatchObject({ traceId: 'c'.repeat(32), spanId: 'd'.repeat(16) });
    expect(s.scope).toEqual({ name: 's1', version: '1', attributes: {} });
  });
});
