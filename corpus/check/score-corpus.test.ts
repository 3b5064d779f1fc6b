import { describe, expect, it } from 'vitest';
import type { Finding } from '@/lib/domain/analysis';
import type { CorpusCase } from './corpus-case';
import { scoreCorpus, totals } from './score-corpus';

const base: CorpusCase = { file: 'f.json', traceId: 't', system: 's', scenario: 'x', story: '', expect: [], forbid: [] };
const finding = (type: Finding['type'], services: string[], spanIds: string[] = ['a']): Finding => ({
  type,
  severity: 'warning',
  confidence: 1,
  services,
  spanIds,
  summary: `${type} ${services.join(',')}`,
});
const hosts: Record<string, string> = { a: 'host-a', b: 'host-b' };

describe('scoreCorpus', () => {
  it('counts found, missed, correct and false alarms per type, by the service each finding is about', () => {
    const score = scoreCorpus([
      {
        case: {
          ...base,
          expect: [
            { type: 'timeout-cascade', service: 'api' },
            { type: 'root-cause-error', service: 'db' },
          ],
          forbid: [{ type: 'retry-storm' }],
        },
        // The timeout cascade is about seats (its first service), not api: a miss and a false alarm.
        findings: [finding('timeout-cascade', ['seats', 'api']), finding('root-cause-error', ['db']), finding('retry-storm', ['api', 'db']), finding('error-propagation', ['api', 'db'])],
        hostOfSpan: (id) => hosts[id],
      },
    ]);
    expect(score.byType).toEqual([
      { type: 'retry-storm', expected: 0, found: 0, reported: 1, correct: 0 },
      { type: 'root-cause-error', expected: 1, found: 1, reported: 1, correct: 1 },
      { type: 'timeout-cascade', expected: 1, found: 0, reported: 1, correct: 0 },
    ]);
    expect(score.cases[0]!.missed).toEqual([{ type: 'timeout-cascade', service: 'api' }]);
    expect(score.cases[0]!.trapsHit.map((f) => f.type)).toEqual(['retry-storm']);
    expect(totals(score)).toMatchObject({ recall: 0.5, precision: 1 / 3 });
    expect(score.cleanTraces).toBe(0);
  });

  it("matches clock skew by the host of the finding's spans, leaves allowed findings out, and counts a missing trace as misses", () => {
    const score = scoreCorpus([
      {
        case: { ...base, expect: [{ type: 'clock-skew', host: 'host-b' }], allow: [{ type: 'latency-hotspot', service: 'api' }] },
        findings: [finding('clock-skew', ['x'], ['b']), finding('latency-hotspot', ['api'])],
        hostOfSpan: (id) => hosts[id],
      },
      { case: { ...base, traceId: 'gone', expect: [{ type: 'n-plus-one', service: 'db' }] }, findings: null, hostOfSpan: () => undefined },
    ]);
    expect(score.byType).toEqual([
      { type: 'clock-skew', expected: 1, found: 1, reported: 1, correct: 1 },
      { type: 'n-plus-one', expected: 1, found: 0, reported: 0, correct: 0 },
    ]);
    expect(score.cleanTraces).toBe(1);
  });
});
