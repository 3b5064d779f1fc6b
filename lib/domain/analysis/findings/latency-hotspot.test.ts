import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { analyzeTrace } from '../analyze-trace';

const of = (spans: ReturnType<typeof span>[], hotspotMinShare?: number) => analyzeTrace(spans, { hotspotMinShare }).findings.filter((f) => f.type === 'latency-hotspot');

describe('latency hotspots', () => {
  // web [0 ──────────────────────── 1000]
  // ├── api [10 ──────────────── 950]
  // │   └── render [100 ──── 900]   self 800 of 1000 on the path
  // └── log [960 ─ 970]
  const spans = [
    span('web', { service: 'web', start: 0, end: 1000 }),
    span('api', { service: 'api', parent: 'web', start: 10, end: 950 }),
    span('render', { service: 'api', parent: 'api', start: 100, end: 900 }),
    span('log', { service: 'log', parent: 'web', start: 960, end: 970 }),
  ];

  it('reports the span whose self time dominates the critical path', () => {
    const found = of(spans);
    expect(found.map((f) => f.spanIds)).toEqual([['render']]);
    expect(found[0]!.summary).toBe('api api-op spent 800ms of its own time on the critical path (80% of 1s)');
  });

  it('reports nothing when time is spread out, and ranks by share', () => {
    expect(of(spans, 0.9)).toEqual([]);
    expect(of(spans, 0.01).map((f) => f.spanIds[0])).toEqual(['render', 'api', 'web', 'log']);
  });
});
