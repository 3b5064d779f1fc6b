// The hand-written traceparent reader must accept and reject exactly what the OpenTelemetry core package's
// regular expression does (the agent used it before issue 13's fifth pass), with the same fields.
import { parseTraceParent } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { parseTraceparent } from './traceparent';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const VALID = `00-${TRACE}-${PARENT}-01`;

function same(header: string): void {
  expect(parseTraceparent(header), JSON.stringify(header)).toEqual(parseTraceParent(header));
}

describe('parseTraceparent', () => {
  it('reads a valid header', () => {
    expect(parseTraceparent(VALID)).toEqual({ traceId: TRACE, spanId: PARENT, traceFlags: 1 });
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-00`)).toEqual({ traceId: TRACE, spanId: PARENT, traceFlags: 0 });
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-ff`)!.traceFlags).toBe(255);
  });

  it('rejects bad hex, upper case, all-zero ids, wrong lengths and version ff', () => {
    expect(parseTraceparent(`00-${TRACE.slice(0, 31)}g-${PARENT}-01`)).toBeNull();
    expect(parseTraceparent(`00-${TRACE.toUpperCase()}-${PARENT}-01`)).toBeNull();
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-0x`)).toBeNull();
    expect(parseTraceparent(`0g-${TRACE}-${PARENT}-01`)).toBeNull();
    expect(parseTraceparent(`00-${'0'.repeat(32)}-${PARENT}-01`)).toBeNull();
    expect(parseTraceparent(`00-${TRACE}-${'0'.repeat(16)}-01`)).toBeNull();
    expect(parseTraceparent(`00-${TRACE}0-${PARENT}-01`)).toBeNull();
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-1`)).toBeNull();
    expect(parseTraceparent(`00-${TRACE}-${PARENT.slice(1)}-01`)).toBeNull();
    expect(parseTraceparent(`ff-${TRACE}-${PARENT}-01`)).toBeNull();
    expect(parseTraceparent(`00_${TRACE}-${PARENT}-01`)).toBeNull();
    expect(parseTraceparent('')).toBeNull();
  });

  it('accepts extra fields only for versions after 00', () => {
    expect(parseTraceparent(`${VALID}-extra`)).toBeNull();
    expect(parseTraceparent(`01-${TRACE}-${PARENT}-01-extra-more`)).toEqual({ traceId: TRACE, spanId: PARENT, traceFlags: 1 });
    expect(parseTraceparent(`cc-${TRACE}-${PARENT}-01-`)).toEqual({ traceId: TRACE, spanId: PARENT, traceFlags: 1 });
    expect(parseTraceparent(`01-${TRACE}-${PARENT}-01extra`)).toBeNull();
  });

  it('agrees with the core package on every case, whitespace and future versions included', () => {
    const cases = [
      VALID,
      ` ${VALID}`,
      `${VALID} `,
      ` ${VALID} `,
      `\t${VALID}\n`,
      `  ${VALID}`,
      `${VALID}  `,
      `\u00a0${VALID}`,
      `${VALID}\r`,
      `${VALID}-`,
      `${VALID}-x`,
      `01-${TRACE}-${PARENT}-01`,
      `01-${TRACE}-${PARENT}-01-a b c`,
      `01-${TRACE}-${PARENT}-01-a\nb`,
      `01-${TRACE}-${PARENT}-01-ab\n`,
      `01-${TRACE}-${PARENT}-01-ab\n\n`,
      `01-${TRACE}-${PARENT}-01-ab `,
      `01-${TRACE}-${PARENT}-01-\u2028`,
      ` 01-${TRACE}-${PARENT}-01-x `,
      `01-${TRACE}-${PARENT}-01 -x`,
      `fe-${TRACE}-${PARENT}-09`,
      `ff-${TRACE}-${PARENT}-01-x`,
      `00-${TRACE}-${PARENT}-01x`,
      `00-${'0'.repeat(32)}-${PARENT}-01`,
      `00-${'0'.repeat(31)}1-${'0'.repeat(15)}1-01`,
      `00-${TRACE}-${PARENT}-`,
      VALID.slice(1),
      `x${VALID}`,
      VALID.replace(/-/g, '_'),
    ];
    for (const header of cases) same(header);
  });

  it('agrees with the core package on random single-character edits', () => {
    const alphabet = ['0', '9', 'a', 'f', 'g', 'A', '-', ' ', '\n'];
    for (const base of [VALID, `01-${TRACE}-${PARENT}-01-xy`]) {
      for (let i = 0; i < base.length; i++) {
        for (const c of alphabet) {
          same(base.slice(0, i) + c + base.slice(i + 1));
          same(base.slice(0, i) + base.slice(i + 1));
          same(base.slice(0, i) + c + base.slice(i));
        }
      }
    }
  });
});
