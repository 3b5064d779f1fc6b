import { describe, expect, it } from 'vitest';
import { spansFromOtlp } from '../otlp/spans-from-otlp';
import type { OtlpSpan } from '../otlp/otlp-request';
import { clampInt4, cutToUtf8Bytes, MAX_INDEXED_NAME_BYTES, Storable, storableStringMap, storableText, uint31 } from './storable';

function otlpSpan(over: Partial<OtlpSpan> = {}): OtlpSpan {
  return {
    traceId: 'a'.repeat(32),
    spanId: 'b'.repeat(16),
    parentSpanId: '',
    traceState: '',
    flags: 0,
    name: 'op',
    kind: 2,
    startTimeUnixNano: 1n,
    endTimeUnixNano: 2n,
    attributes: {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    statusCode: 0,
    statusMessage: '',
    ...over,
  };
}

describe('storable values', () => {
  it('replaces NUL and lone surrogates with U+FFFD and keeps pairs', () => {
    expect(storableText('a\0b')).toBe('a\uFFFDb');
    expect(storableText('x\uD800y')).toBe('x\uFFFDy');
    expect(storableText('\uDC00')).toBe('\uFFFD');
    expect(storableText('😀')).toBe('😀');
    const clean = 'plain';
    expect(storableText(clean)).toBe(clean);
    expect(storableStringMap({ 'k\0': 'v\uD800' })).toEqual({ 'k\uFFFD': 'v\uFFFD' });
  });

  it('range-checks int4 columns', () => {
    expect(clampInt4(2 ** 31)).toBe(2 ** 31 - 1);
    expect(clampInt4(1e300)).toBe(2 ** 31 - 1);
    expect(clampInt4(-5)).toBe(0);
    expect(uint31(0xffffffff)).toBe(0x7fffffff);
    expect(uint31(0x101)).toBe(0x101);
  });

  it('cuts names to the index-key byte budget on a character boundary', () => {
    const name = '€'.repeat(2000); // 3 bytes each
    const cut = cutToUtf8Bytes(name, MAX_INDEXED_NAME_BYTES);
    expect(new TextEncoder().encode(cut).length).toBeLessThanOrEqual(MAX_INDEXED_NAME_BYTES);
    expect(cut.endsWith('…')).toBe(true);
    expect(cutToUtf8Bytes('short', 10)).toBe('short');
    const astral = cutToUtf8Bytes('😀'.repeat(600), MAX_INDEXED_NAME_BYTES);
    expect(storableText(astral)).toBe(astral);
  });

  it('cuts long attribute values (also nested) and notes each cut', () => {
    const notes: string[] = [];
    const clean = new Storable({ attributeValueLengthLimit: 4 });
    const out = clean.attributes({ s: { stringValue: 'abcdefgh' }, n: { intValue: '1' }, arr: { arrayValue: { values: [{ stringValue: 'xy' }, { stringValue: '123456' }] } } }, 'span.', notes);
    expect(out).toEqual({ s: { stringValue: 'abcd' }, n: { intValue: '1' }, arr: { arrayValue: { values: [{ stringValue: 'xy' }, { stringValue: '1234' }] } } });
    expect(notes).toEqual(['span.s (8 chars)', 'span.arr (6 chars)']);
    const same = { a: { stringValue: 'ok' } };
    expect(clean.attributes(same, '', [])).toBe(same);
  });

  it('spansFromOtlp turns every poison value into a storable span with the cut noted', () => {
    const resource = { 'service.name': { stringValue: 's'.repeat(5000) }, 'k\uD800': { stringValue: '\0' } };
    const { spans, rejected } = spansFromOtlp(
      {
        resourceSpans: [
          {
            resource,
            scopeSpans: [
              {
                scope: { name: 'sc\0', version: '', attributes: {} },
                spans: [otlpSpan({ name: 'n'.repeat(3000), flags: 2 ** 32 - 1, droppedAttributesCount: 2 ** 40, statusMessage: 'x\uDFFF', attributes: { big: { stringValue: 'v'.repeat(10) } } })],
              },
            ],
          },
        ],
      },
      't',
      { attributeValueLengthLimit: 5 },
    );
    expect(rejected).toBe(0);
    const s = spans[0]!;
    expect(new TextEncoder().encode(s.serviceName).length).toBeLessThanOrEqual(MAX_INDEXED_NAME_BYTES);
    expect(new TextEncoder().encode(s.name).length).toBeLessThanOrEqual(MAX_INDEXED_NAME_BYTES);
    expect(s.flags).toBe(0x7fffffff);
    expect(s.droppedAttributesCount).toBe(2 ** 31 - 1);
    expect(s.statusMessage).toBe('x\uFFFD');
    expect(s.scope.name).toBe('sc\uFFFD');
    expect(s.resourceAttributes['k\uFFFD']).toEqual({ stringValue: '\uFFFD' });
    expect(s.attributes.big).toEqual({ stringValue: 'vvvvv' });
    expect(s.attributes['tracehound.truncated']).toEqual({
      // service.name is an attribute too: the attribute limit (5) cut it first.
      arrayValue: { values: [{ stringValue: 'resource.service.name (5000 chars)' }, { stringValue: 'name (3000 chars)' }, { stringValue: 'span.big (10 chars)' }] },
    });
  });
});
