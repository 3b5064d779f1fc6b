import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { buildDependencyGraph } from './dependency-graph';

describe('buildDependencyGraph', () => {
  it('counts calls per edge with error rate and p50/p99 from the caller side, and finds cycles', () => {
    // 4 traces:  web ─CLIENT→ api(SERVER) ─CLIENT→ db (peer only)   and api ─→ web (callback) in trace 3
    const spans = [];
    for (let t = 0; t < 4; t++) {
      const traceId = `${t}`.padStart(32, '0');
      const d = 10 * (t + 1); // 10, 20, 30, 40 ms
      spans.push(
        span('w', { traceId, service: 'web', kind: 'SERVER', start: 0, end: 100 }),
        span('wc', { traceId, service: 'web', kind: 'CLIENT', parent: 'w', start: 1, end: 1 + d, error: t === 0 }),
        span('a', { traceId, service: 'api', kind: 'SERVER', parent: 'wc', start: 2, end: d }),
        span('ac', { traceId, service: 'api', kind: 'CLIENT', parent: 'a', start: 3, end: 5, attributes: { 'db.system': { stringValue: 'postgresql' } } }),
      );
      if (t === 3) {
        spans.push(span('cb', { traceId, service: 'api', kind: 'CLIENT', parent: 'a', start: 6, end: 8 }), span('w2', { traceId, service: 'web', kind: 'SERVER', parent: 'cb', start: 6.5, end: 7 }));
      }
    }
    const graph = buildDependencyGraph(spans);
    expect(graph.services).toEqual(['api', 'postgresql', 'web']);
    expect(graph.edges).toEqual([
      { source: 'api', target: 'postgresql', callCount: 4, errorCount: 0, errorRate: 0, p50Ns: 2e6, p99Ns: 2e6 },
      { source: 'api', target: 'web', callCount: 1, errorCount: 0, errorRate: 0, p50Ns: 2e6, p99Ns: 2e6 },
      { source: 'web', target: 'api', callCount: 4, errorCount: 1, errorRate: 0.25, p50Ns: 20e6, p99Ns: 40e6 },
    ]);
    expect(graph.cycles).toEqual([['api', 'web']]);
  });

  it('uses the callee span when the caller is not a CLIENT span, ignores same-service and cross-trace parents', () => {
    const graph = buildDependencyGraph([
      span('a', { service: 'a', start: 0, end: 10 }),
      span('b', { service: 'b', parent: 'a', start: 1, end: 4, error: true }),
      span('a2', { service: 'a', parent: 'a', start: 5, end: 6 }),
      span('x', { service: 'x', parent: 'a', traceId: 'f'.repeat(32), start: 1, end: 2 }),
    ]);
    expect(graph.edges).toEqual([{ source: 'a', target: 'b', callCount: 1, errorCount: 1, errorRate: 1, p50Ns: 3e6, p99Ns: 3e6 }]);
    expect(graph.cycles).toEqual([]);
  });

  it('shows a call of a service to itself (over loopback) as a self-edge, not an edge to the address', () => {
    //   api SERVER ─ api CLIENT (server.address=127.0.0.1) ─ api SERVER (the same service answering)
    const graph = buildDependencyGraph([
      span('s', { service: 'api', kind: 'SERVER', start: 0, end: 10 }),
      span('c', { service: 'api', kind: 'CLIENT', parent: 's', start: 1, end: 5, attributes: { 'server.address': { stringValue: '127.0.0.1' } } }),
      span('s2', { service: 'api', kind: 'SERVER', parent: 'c', start: 2, end: 4 }),
    ]);
    expect(graph.edges).toEqual([{ source: 'api', target: 'api', callCount: 1, errorCount: 0, errorRate: 0, p50Ns: 4e6, p99Ns: 4e6 }]);
    expect(graph.services).toEqual(['api']);
    expect(graph.cycles).toEqual([]);
  });

  it('returns an empty graph for no spans', () => {
    expect(buildDependencyGraph([])).toEqual({ services: [], edges: [], cycles: [] });
  });
});
