import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpanKind, StatusCode } from '../model/span';
import { TraceFormatError } from './format-error';
import { parseOtlpJsonTraces } from './otlp-json-traces';

const fixture = (name: string) => JSON.parse(readFileSync(path.resolve(__dirname, '../../../test/fixtures/traces', name), 'utf8'));

const oneSpan = (span: Record<string, unknown>, resource: unknown[] = [{ key: 'service.name', value: { stringValue: 'api' } }]) => ({
  resourceSpans: [{ resource: { attributes: resource }, scopeSpans: [{ scope: { name: 's' }, spans: [span] }] }],
});
const base = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', name: 'GET', startTimeUnixNano: '1700000000000000001', endTimeUnixNano: '1700000000000000009' };

describe('parseOtlpJsonTraces', () => {
  it('reads an ExportTraceServiceRequest with resource, scope, kinds, status and attributes', () => {
    const spans = parseOtlpJsonTraces(fixture('checkout-otlp.json'));
    expect(spans).toHaveLength(4);
    const pay = spans.find((s) => s.spanId === 'a000000000000002')!;
    expect(pay).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: 'a000000000000001',
      serviceName: 'frontend',
      kind: SpanKind.CLIENT, // given as "SPAN_KIND_CLIENT"
      statusCode: StatusCode.ERROR,
      statusMessage: 'connection reset',
      startTimeUnixNano: 1_700_000_000_010_000_000n,
      endTimeUnixNano: 1_700_000_000_990_000_000n,
      scope: { name: 'fixture', version: '1.0', attributes: {} },
      host: { id: null, name: null, ip: '10.0.0.1', serviceInstanceId: null },
    });
    expect(pay.attributes['http.request.method']).toEqual({ stringValue: 'POST' });
    // spans of one resource share one host object
    expect(spans[0]!.host).toBe(spans[1]!.host);
  });

  it('accepts int64 as numbers, base64 ids, uppercase hex and the legacy instrumentationLibrarySpans key', () => {
    const [span] = parseOtlpJsonTraces({
      resourceSpans: [
        {
          resource: { attributes: [] },
          instrumentationLibrarySpans: [
            {
              instrumentationLibrary: { name: 'old' },
              spans: [{ ...base, traceId: 'S/kvNXezTaajzpKdDg5HNg==', spanId: '00F067AA0BA902B7', startTimeUnixNano: 1000, endTimeUnixNano: 2000, attributes: [{ key: 'n', value: { intValue: 7 } }] }],
            },
          ],
        },
      ],
    });
    expect(span!.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(span!.spanId).toBe('00f067aa0ba902b7');
    expect(span!.startTimeUnixNano).toBe(1000n);
    expect(span!.attributes.n).toEqual({ intValue: '7' });
    expect(span!.scope.name).toBe('old');
    expect(span!.serviceName).toBe('unknown_service');
  });

  it('keeps full int64 precision from strings and marks a missing end as unfinished (0n)', () => {
    const [span] = parseOtlpJsonTraces(oneSpan({ ...base, endTimeUnixNano: undefined }));
    expect(span!.startTimeUnixNano).toBe(1_700_000_000_000_000_001n);
    expect(span!.endTimeUnixNano).toBe(0n);
    expect(span!.parentSpanId).toBeNull();
  });

  it('treats an empty or all-zero parent id as a root', () => {
    expect(parseOtlpJsonTraces(oneSpan({ ...base, parentSpanId: '' }))[0]!.parentSpanId).toBeNull();
    expect(parseOtlpJsonTraces(oneSpan({ ...base, parentSpanId: '0000000000000000' }))[0]!.parentSpanId).toBeNull();
  });

  it('reads events and links', () => {
    const [span] = parseOtlpJsonTraces(oneSpan({ ...base, events: [{ timeUnixNano: '5', name: 'exception', attributes: [] }], links: [{ traceId: base.traceId, spanId: '1111111111111111' }] }));
    expect(span!.events).toEqual([{ timeUnixNano: 5n, name: 'exception', attributes: {}, droppedAttributesCount: 0 }]);
    expect(span!.links[0]!.spanId).toBe('1111111111111111');
  });

  it('rejects malformed input with the offending field', () => {
    expect(() => parseOtlpJsonTraces({})).toThrow(TraceFormatError);
    expect(() => parseOtlpJsonTraces(oneSpan({ ...base, spanId: 'xyz' }))).toThrow(/resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.spanId/);
    expect(() => parseOtlpJsonTraces(oneSpan({ ...base, startTimeUnixNano: 'soon' }))).toThrow(/startTimeUnixNano/);
    expect(() => parseOtlpJsonTraces(oneSpan({ ...base, kind: 'SPAN_KIND_WEIRD' }))).toThrow(/kind: unknown value/);
  });
});
