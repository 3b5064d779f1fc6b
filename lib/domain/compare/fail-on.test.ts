import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { diffTraces } from './diff-traces';
import { failedConditions, parseFailOn } from './fail-on';
import { DEFAULT_NOISE_PROFILE } from './noise-profile';
import { NoiseProfileError, parseNoiseProfile } from './parse-noise-profile';

// root ── db ×n (each `dbMs` long)
function fanOut(traceId: string, dbMs: number[]) {
  return [span('r', { traceId, start: 0, end: 100 }), ...dbMs.map((d, k) => span(`d${k}`, { traceId, parent: 'r', service: 'db', name: 'SELECT', start: 1, end: 1 + d }))];
}

describe('--fail-on conditions', () => {
  it('parses the three forms and nothing else', () => {
    expect(parseFailOn('new-error')).toEqual({ type: 'new-error' });
    expect(parseFailOn('missing-span')).toEqual({ type: 'missing-span' });
    expect(parseFailOn('p95+12.5')).toEqual({ type: 'p95', percent: 12.5 });
    expect(parseFailOn('p95+20%')).toEqual({ type: 'p95', percent: 20 });
    for (const bad of ['p95', 'p99+10', 'p95+-1', 'new-errors', '']) expect(parseFailOn(bad)).toBeNull();
  });

  it('p95+PCT compares the p95 of the spans of an operation, not their mean', () => {
    // 20 calls; B's slowest call is 10× slower: the mean moves 90 %, the p95 (nearest rank 19 of 20) 900 %.
    const fast = Array.from({ length: 20 }, () => 5);
    const tail = [...Array.from({ length: 18 }, () => 5), 50, 50];
    const diff = diffTraces(fanOut('a'.repeat(32), fast), fanOut('b'.repeat(32), tail), DEFAULT_NOISE_PROFILE);
    expect(failedConditions(diff, [{ type: 'p95', percent: 100 }])).toEqual(['p95+100: svc svc-op > db SELECT p95 5.000 ms → 50.000 ms']);
    expect(failedConditions(diff, [{ type: 'p95', percent: 1000 }])).toEqual([]);
    expect(failedConditions(diff, [{ type: 'new-error' }, { type: 'missing-span' }])).toEqual([]);
  });
});

describe('parseNoiseProfile', () => {
  it('fills defaults and keeps the given fields', () => {
    expect(parseNoiseProfile({ countDelta: 2, optional: [{ name: 'cache *' }], paths: { 'a > b': { optional: true } } })).toEqual({
      ...DEFAULT_NOISE_PROFILE,
      countDelta: 2,
      optional: [{ name: 'cache *' }],
      paths: { 'a > b': { optional: true } },
    });
  });

  it('names the bad field', () => {
    const cases: Array<[unknown, string]> = [
      [[], 'noise profile must be a JSON object'],
      [{ durationRatio: 'x' }, 'durationRatio must be a number >= 0'],
      [{ optional: [{ service: 3 }] }, 'optional[0].service must be a string'],
      [{ ignoreAttributes: 'http.status_code' }, 'ignoreAttributes must be an array'],
      [{ paths: { p: { optional: 'yes' } } }, 'paths["p"].optional must be true or false'],
    ];
    for (const [input, message] of cases) expect(() => parseNoiseProfile(input)).toThrow(new NoiseProfileError(message));
  });
});
