import { describe, expect, it } from 'vitest';
import type { TracePayload, TracePayloadSpan } from '../model/trace-payload';
import { waterfallSvg } from './waterfall-svg';

function span(spanId: string, parentSpanId: string | null, startMs: number, endMs: number, name = spanId, statusCode: 0 | 2 = 0): TracePayloadSpan {
  const base = 1_764_000_000_000_000_000n; // beyond 2^53: times must stay bigint
  return {
    spanId,
    parentSpanId,
    name,
    kind: 2,
    startTimeUnixNano: (base + BigInt(startMs) * 1_000_000n).toString(),
    endTimeUnixNano: (base + BigInt(endMs) * 1_000_000n).toString(),
    statusCode,
    statusMessage: '',
    traceState: '',
    flags: 0,
    attributes: {},
    events: [],
    links: [],
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    resourceIndex: 0,
    scopeIndex: 0,
  } as TracePayloadSpan;
}

// root (0–100 ms)
// ├── a (0–50)
// │   └── a1 (10–40, error, pinned)
// └── b (50–100)
const trace: TracePayload = {
  traceId: 'f'.repeat(32),
  tenant: 'default',
  scopes: [],
  summary: { traceId: 'f'.repeat(32), rootService: 'gw', rootName: 'root', startUnixNano: '0', durationNs: '100000000', spanCount: 4, errorCount: 1, services: ['gw'] },
  resources: [{ serviceName: 'gw', attributes: {}, host: { id: null, name: null, ip: null, serviceInstanceId: null } }],
  spans: [span('root', null, 0, 100), span('a', 'root', 0, 50), span('b', 'root', 50, 100, '<script>alert(1)</script> password=hunter2'), span('a1', 'a', 10, 40, 'a1', 2)],
};

describe('waterfallSvg', () => {
  it('draws rows in pre-order with bars placed by time, errors and pins marked', () => {
    const svg = waterfallSvg(trace, new Set(['a1']));
    expect([...svg.matchAll(/data-span-id="(\w+)"/g)].map((m) => m[1])).toEqual(['root', 'a', 'a1', 'b']);
    const rect = (id: string) => new RegExp(`data-span-id="${id}">.*?<rect class="([^"]+)" x="([\\d.]+)" y="[\\d.]+" width="([\\d.]+)"`).exec(svg)!;
    expect(Number(rect('b')[2])).toBeCloseTo(320 + 0.5 * 550, 0);
    expect(Number(rect('b')[3])).toBeCloseTo(0.5 * 550, 0);
    expect(rect('a1')[1]).toBe('e h');
  });

  it('escapes and redacts span names', () => {
    const svg = waterfallSvg(trace);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('hunter2');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('keeps the highlighted path when rows are capped', () => {
    const svg = waterfallSvg(trace, new Set(['a1']), 3);
    expect([...svg.matchAll(/data-span-id="(\w+)"/g)].map((m) => m[1])).toEqual(['root', 'a', 'a1']);
  });
});
