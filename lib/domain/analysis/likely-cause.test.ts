import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { analyzeTrace } from './analyze-trace';

const cause = (spans: ReturnType<typeof span>[]) => {
  const c = analyzeTrace(spans).likelyCause;
  return c && { type: c.type, service: c.service, spanId: c.spanId, severity: c.severity };
};
const timedOut = { 'error.type': { stringValue: 'timeout' } };

describe('likely cause', () => {
  it('names the slow work at the bottom of a timeout cascade, not the caller that gave up', () => {
    // gw SERVER [0 ───── 62] ERROR
    // └── gw CLIENT [1 ── 60] ERROR error.type=timeout
    //     └── ledger SERVER [2 ─────────── 160]
    //         ├── ledger db [3 ─ 5]
    //         └── ledger CLIENT [6 ───────── 158]
    //             └── risk SERVER [7 ──────── 150]   ← the work nobody could wait for
    expect(
      cause([
        span('g', { service: 'gw', host: 'h', kind: 'SERVER', start: 0, end: 62, error: true }),
        span('gc', { service: 'gw', host: 'h', kind: 'CLIENT', parent: 'g', start: 1, end: 60, error: true, attributes: timedOut }),
        span('l', { service: 'ledger', host: 'h', kind: 'SERVER', parent: 'gc', start: 2, end: 160 }),
        span('db', { service: 'ledger', host: 'h', kind: 'CLIENT', parent: 'l', start: 3, end: 5 }),
        span('lc', { service: 'ledger', host: 'h', kind: 'CLIENT', parent: 'l', start: 6, end: 158 }),
        span('r', { service: 'risk', host: 'h', kind: 'SERVER', parent: 'lc', start: 7, end: 150 }),
      ]),
    ).toEqual({ type: 'timeout-cascade', service: 'risk', spanId: 'r', severity: 'critical' });
  });

  it('names the failure the caller finally gave up on when retries all failed', () => {
    // api [0 ──────────────── 50] ERROR
    // ├── c1 [1 ─ 10] ERROR └── p1 payments [2 ─ 9] ERROR
    // └── c2 [20 ─ 30] ERROR └── p2 payments [21 ─ 29] ERROR   ← the last one
    const spans = [span('api', { service: 'api', host: 'h', start: 0, end: 50, error: true })];
    for (const [k, t] of [
      [1, 1],
      [2, 20],
    ] as const) {
      spans.push(span(`c${k}`, { service: 'api', host: 'h', kind: 'CLIENT', parent: 'api', start: t, end: t + 9, error: true }));
      spans.push(span(`p${k}`, { service: 'payments', host: 'h', kind: 'SERVER', parent: `c${k}`, start: t + 1, end: t + 8, error: true }));
    }
    expect(cause(spans)).toEqual({ type: 'root-cause-error', service: 'payments', spanId: 'p2', severity: 'critical' });
  });

  it('prefers a degradation over a recovered failure when the request succeeded, and names nothing for a healthy one', () => {
    // api [0 ──────────────────────────── 100] ok
    // ├── c [1 ─ 5] ERROR (recovered: the request still succeeded)
    // └── 12 × SELECT "SELECT 1" one after another [10 ─ 90]
    const spans = [span('api', { service: 'api', host: 'h', start: 0, end: 100 }), span('c', { service: 'api', host: 'h', kind: 'CLIENT', parent: 'api', start: 1, end: 5, error: true })];
    for (let k = 0; k < 12; k++)
      spans.push(span(`q${k}`, { service: 'api', host: 'h', kind: 'CLIENT', parent: 'api', start: 10 + k * 6, end: 14 + k * 6, attributes: { 'db.statement': { stringValue: 'SELECT 1' } } }));
    expect(cause(spans)).toMatchObject({ type: 'n-plus-one', service: 'api', spanId: 'api', severity: 'warning' });
    expect(analyzeTrace(spans).findings.find((f) => f.type === 'root-cause-error')!.severity).toBe('info');
    // A quick healthy trace's largest span is a hotspot of severity info, not a cause; one that cost 80 ms is.
    const quick = [span('a', { service: 'api', host: 'h', start: 0, end: 10 }), span('b', { service: 'db', host: 'h', parent: 'a', start: 1, end: 3 })];
    expect(analyzeTrace(quick).findings.map((f) => [f.type, f.severity])).toEqual([['latency-hotspot', 'info']]);
    expect(cause(quick)).toBeNull();
    const slow = [span('a', { service: 'api', host: 'h', start: 0, end: 100 }), span('b', { service: 'render', host: 'h', parent: 'a', start: 1, end: 95 })];
    expect(cause(slow)).toMatchObject({ type: 'latency-hotspot', service: 'render', spanId: 'b', severity: 'warning' });
  });
});
