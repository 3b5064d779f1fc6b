import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { analyzeTraces } from './analyze-traces';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

// trace A: orders.checkout [0 ── 130]                       trace B: stock.restock [0 ── 130]
//          └── holdA "lock orders:42" [1 ── 128]                     └── holdB "lock stock:7" [1 ── 128]
//              └── callA → stock.reserve [20 ── 125]                     └── callB → orders.update [20 ── 125]
//                  └── waitA "lock stock:7" [21 ── 121] ⇢ holdB              └── waitB "lock orders:42" [21 ── 121] ⇢ holdA
function deadlock(linkB: string[] = ['holdA']) {
  const lockSpan = (traceId: string, id: string, service: string, parent: string, start: number, end: number, links: string[] = [], error = false) =>
    span(id, { traceId, service, host: `${service}-1`, parent, start, end, links, error });
  const a = [
    span('rootA', { traceId: A, service: 'orders', host: 'orders-1', start: 0, end: 130 }),
    lockSpan(A, 'holdA', 'orders', 'rootA', 1, 128),
    span('callA', { traceId: A, service: 'orders', host: 'orders-1', parent: 'holdA', kind: 'CLIENT', start: 20, end: 125 }),
    span('srvA', { traceId: A, service: 'stock', host: 'stock-1', parent: 'callA', kind: 'SERVER', start: 20.5, end: 124 }),
    lockSpan(A, 'waitA', 'stock', 'srvA', 21, 121, [], true),
  ];
  const b = [
    span('rootB', { traceId: B, service: 'stock', host: 'stock-1', start: 0, end: 130 }),
    lockSpan(B, 'holdB', 'stock', 'rootB', 1, 128),
    span('callB', { traceId: B, service: 'stock', host: 'stock-1', parent: 'holdB', kind: 'CLIENT', start: 20, end: 125 }),
    span('srvB', { traceId: B, service: 'orders', host: 'orders-1', parent: 'callB', kind: 'SERVER', start: 20.5, end: 124 }),
    lockSpan(B, 'waitB', 'orders', 'srvB', 21, 121, [], true),
  ];
  // Links point across traces: the fixture helper links within its own trace, so set them here.
  a[4]!.links = [{ traceId: B, spanId: 'holdB', traceState: '', attributes: {}, droppedAttributesCount: 0, flags: 0 }];
  b[4]!.links = linkB.map((id) => ({ traceId: A, spanId: id, traceState: '', attributes: {}, droppedAttributesCount: 0, flags: 0 }));
  return [...a, ...b];
}

const cycles = (spans: ReturnType<typeof deadlock>) => analyzeTraces(spans).map((t) => t.findings.filter((f) => f.type === 'wait-for-cycle').map((f) => ({ spans: f.spanIds, services: f.services })));

describe('wait-for cycles across traces', () => {
  it('reports two traces whose spans wait on each other through span links, in each trace with its own spans', () => {
    expect(cycles(deadlock())).toEqual([
      [{ spans: ['holdA', 'callA', 'srvA', 'waitA'], services: ['orders', 'stock'] }],
      [{ spans: ['holdB', 'callB', 'srvB', 'waitB'], services: ['orders', 'stock'] }],
    ]);
  });

  it('needs both traces and a closed cycle', () => {
    expect(cycles(deadlock().filter((s) => s.traceId === A))).toEqual([[]]);
    // waitB links to a span of A that is not on A's path into B: no cycle.
    expect(cycles(deadlock(['rootA']).map((s) => (s.spanId === 'rootA' ? { ...s, endTimeUnixNano: s.startTimeUnixNano + 5n * 1_000_000n } : s)))).toEqual([[], []]);
  });
});
