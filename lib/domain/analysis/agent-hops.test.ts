import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '@/lib/domain/model/span';
import { span, type FixtureSpan } from '@/test/support/trace-fixture';
import { isAgentHop, withoutAgentHops } from './agent-hops';
import { analyzeTrace, type TraceAnalysis } from './analyze-trace';
import { buildDependencyGraph } from './dependency-graph';
import { estimateHostOffsets } from './estimate-host-offsets';

// Each fixture is drawn once and built twice: with the agent between caller and callee (the callee's SERVER
// span under the agent's INTERNAL span, which is under the caller's CLIENT span) and without it (the callee
// directly under the CLIENT span). The analysis of the first must equal the analysis of the second.
type Call = { hop: string; parent: string; start: number; end: number; attributes?: SpanRecord['attributes'] };
interface Fixture {
  spans: [string, FixtureSpan][];
  /** Agent hops: id, the caller's CLIENT span, and which spans sit directly under the hop. */
  calls: (Call & { callees: string[] })[];
}

const hopAttrs = (route: string, extra: SpanRecord['attributes'] = {}): SpanRecord['attributes'] => ({
  'tracehound.hop': { boolValue: true },
  'tracehound.route': { stringValue: route },
  ...extra,
});

function build(f: Fixture, withAgent: boolean): SpanRecord[] {
  const parentOf = new Map(f.calls.flatMap((c) => c.callees.map((id) => [id, withAgent ? c.hop : c.parent] as const)));
  const spans = f.spans.map(([id, s]) => span(id, { ...s, parent: parentOf.get(id) ?? s.parent }));
  if (withAgent) {
    for (const c of f.calls) {
      spans.push(span(c.hop, { service: 'tracehound-agent', host: 'agent-host', kind: 'INTERNAL', parent: c.parent, start: c.start, end: c.end, attributes: c.attributes ?? hopAttrs('route') }));
    }
  }
  return spans;
}

/** What must not change when the agent is in the middle, by span id and absolute time. */
function essence(a: TraceAnalysis) {
  const id = (i: number) => a.table.spans[i]!.spanId;
  const at = (rel: number) => (a.table.baseUnixNano + BigInt(Math.round(rel))).toString();
  const offsets = Object.fromEntries(a.table.spans.map((s, i) => [s.spanId, a.skew.offset[i]!]).filter(([sid]) => !String(sid).startsWith('hop')));
  return {
    findings: a.findings,
    likelyCause: a.likelyCause,
    criticalPath: a.criticalPath.map((seg) => [id(seg.span), at(seg.start), at(seg.end)]),
    selfTimeByService: a.selfTimeByService,
    hostOffsets: a.hostOffsets,
    offsets,
    primaryRoot: id(a.tree.primaryRoot),
  };
}

function expectTransparent(f: Fixture) {
  const withAgent = build(f, true);
  const direct = build(f, false);
  const a = analyzeTrace(withAgent);
  expect(essence(a)).toEqual(essence(analyzeTrace(direct)));
  expect(buildDependencyGraph(withAgent)).toEqual(buildDependencyGraph(direct));
  // Indexes stay the caller's input positions, the hops included.
  expect(a.table.count).toBe(withAgent.length);
  expect(a.skew.offset.length).toBe(withAgent.length);
  for (const c of f.calls) {
    const h = withAgent.findIndex((s) => s.spanId === c.hop);
    expect(a.criticalPath.some((seg) => seg.span === h)).toBe(false);
    expect(a.findings.flatMap((x) => x.services)).not.toContain('tracehound-agent');
  }
  return a;
}

describe('agent hops are transparent to the analysis', () => {
  it('recognises hops by the tracehound.hop attribute or, for older data, the agent service', () => {
    expect(isAgentHop(span('h', { service: 'edge-proxy', kind: 'INTERNAL', start: 0, end: 1, attributes: hopAttrs('payment') }))).toBe(true);
    expect(isAgentHop(span('h', { service: 'tracehound-agent', kind: 'INTERNAL', start: 0, end: 1 }))).toBe(true);
    // The agent's shadow copy is a CLIENT root: a real caller, not a hop.
    expect(isAgentHop(span('h', { service: 'tracehound-agent', kind: 'CLIENT', start: 0, end: 1 }))).toBe(false);
    expect(isAgentHop(span('h', { service: 'payment', kind: 'INTERNAL', start: 0, end: 1 }))).toBe(false);
    expect(withoutAgentHops([span('a', { start: 0, end: 1 })])).toBeNull();
  });

  it('healthy call: same path, self times, skew and graph; the hop is placed inside its caller', () => {
    // gateway SERVER [0 ─────────────────── 100]
    // └── gateway CLIENT [10 ───────────── 90]
    //     └── agent hop [12 ─────────── 88]            (absent in the direct trace)
    //         └── payment SERVER [15 ────── 85]        payment's clock 300 ms ahead: raw [315 ─ 385]
    //             └── payment db CLIENT [320 ─ 370]
    const f: Fixture = {
      spans: [
        ['gw', { service: 'gateway', kind: 'SERVER', start: 0, end: 100 }],
        ['gwc', { service: 'gateway', kind: 'CLIENT', parent: 'gw', start: 10, end: 90 }],
        ['pay', { service: 'payment', kind: 'SERVER', start: 315, end: 385 }],
        ['db', { service: 'payment', kind: 'CLIENT', parent: 'pay', start: 320, end: 370, attributes: { 'db.system': { stringValue: 'postgresql' } } }],
      ],
      calls: [{ hop: 'hop1', parent: 'gwc', start: 12, end: 88, callees: ['pay'] }],
    };
    const a = expectTransparent(f);
    const i = (id: string) => a.table.spans.findIndex((s) => s.spanId === id);
    // payment is moved back into its caller, the hop stays where it fits.
    expect(a.skew.offset[i('pay')]).toBeLessThan(-200e6);
    expect(a.skew.start[i('hop1')]).toBeGreaterThanOrEqual(a.skew.start[i('gwc')]!);
    expect(a.skew.end[i('hop1')]).toBeLessThanOrEqual(a.skew.end[i('gwc')]!);
    // The hop's time is the client call's network/proxy time, not its own.
    expect(a.selfTimeNs[i('hop1')]).toBe(0);
    expect(buildDependencyGraph(build(f, true)).edges.map((e) => `${e.source}→${e.target}`)).toEqual(['gateway→payment', 'payment→postgresql']);
    // Cross-trace host offsets pair the client with the server through the hop.
    expect(estimateHostOffsets(build(f, true))).toEqual(estimateHostOffsets(build(f, false)));
  });

  it('callee error: the cause is the callee, never the agent', () => {
    // gateway SERVER [0 ───────── 50] ERROR
    // └── gateway CLIENT [5 ──── 45] ERROR
    //     └── agent hop [6 ──── 44]
    //         └── payment SERVER [8 ─ 40] ERROR   ← root cause
    const a = expectTransparent({
      spans: [
        ['gw', { service: 'gateway', kind: 'SERVER', start: 0, end: 50, error: true }],
        ['gwc', { service: 'gateway', kind: 'CLIENT', parent: 'gw', start: 5, end: 45, error: true }],
        ['pay', { service: 'payment', kind: 'SERVER', start: 8, end: 40, error: true }],
      ],
      calls: [{ hop: 'hop1', parent: 'gwc', start: 6, end: 44, callees: ['pay'] }],
    });
    expect(a.likelyCause).toMatchObject({ type: 'root-cause-error', service: 'payment', spanId: 'pay' });
  });

  it('agent-injected error: findings as without the agent, and the cause says the fault was injected', () => {
    // gateway SERVER [0 ──── 20] ERROR
    // └── gateway CLIENT [2 ─ 12] ERROR
    //     └── agent hop [3 ─ 11] ERROR tracehound.fault.type=error, status 503 (payment never reached)
    const f: Fixture = {
      spans: [
        ['gw', { service: 'gateway', kind: 'SERVER', start: 0, end: 20, error: true }],
        ['gwc', { service: 'gateway', kind: 'CLIENT', parent: 'gw', start: 2, end: 12, error: true }],
      ],
      calls: [
        {
          hop: 'hop1',
          parent: 'gwc',
          start: 3,
          end: 11,
          callees: [],
          attributes: hopAttrs('payment', { 'tracehound.fault.type': { stringValue: 'error' }, 'tracehound.fault.id': { stringValue: 'f-1' }, 'http.response.status_code': { intValue: '503' } }),
        },
      ],
    };
    const withAgent = analyzeTrace(build(f, true));
    const direct = analyzeTrace(build(f, false));
    expect(withAgent.findings).toEqual(direct.findings);
    expect(direct.likelyCause).toMatchObject({ type: 'root-cause-error', service: 'gateway', spanId: 'gwc' });
    expect(withAgent.likelyCause).toMatchObject({
      type: 'root-cause-error',
      service: 'payment',
      spanId: 'gwc',
      injectedFault: { type: 'error', faultId: 'f-1', spanId: 'hop1', caller: 'gateway', callee: 'payment' },
    });
    expect(withAgent.likelyCause!.summary).toMatch(/^fault injected by the agent on gateway → payment: error 503 \(/);
  });

  it("agent-injected latency: the delay is the client call's time and the cause names the injected latency", () => {
    // gateway SERVER [0 ────────────────────────── 330]
    // └── gateway CLIENT [5 ───────────────────── 325]
    //     └── agent hop [6 ─────────────────────── 324] tracehound.fault.type=latency (300 ms before forwarding)
    //         └── payment SERVER [306 ─ 320]
    const f: Fixture = {
      spans: [
        ['gw', { service: 'gateway', kind: 'SERVER', start: 0, end: 330 }],
        ['gwc', { service: 'gateway', kind: 'CLIENT', parent: 'gw', start: 5, end: 325 }],
        ['pay', { service: 'payment', kind: 'SERVER', start: 306, end: 320 }],
      ],
      calls: [{ hop: 'hop1', parent: 'gwc', start: 6, end: 324, callees: ['pay'], attributes: hopAttrs('payment', { 'tracehound.fault.type': { stringValue: 'latency' } }) }],
    };
    const withAgent = analyzeTrace(build(f, true));
    const direct = analyzeTrace(build(f, false));
    expect(withAgent.findings).toEqual(direct.findings);
    expect(direct.likelyCause).toMatchObject({ type: 'latency-hotspot', service: 'gateway', spanId: 'gwc' });
    expect(withAgent.likelyCause).toMatchObject({ type: 'latency-hotspot', service: 'payment', spanId: 'gwc', injectedFault: { type: 'latency', callee: 'payment' } });
    expect(withAgent.likelyCause!.summary).toMatch(/^fault injected by the agent on gateway → payment: latency, 304ms added/);
  });

  it('a call cycle through agents is the cycle of the services, with no agent in it', () => {
    // a SERVER [0 ─────────────────── 100]
    // └── a CLIENT [5 ─────────────── 95]
    //     └── hop1 [6 ─────────────── 94]
    //         └── b SERVER [8 ─────── 92]
    //             └── b CLIENT [10 ── 90]
    //                 └── hop2 [11 ── 89]
    //                     └── a SERVER [12 ─ 88] ERROR   (re-entry)
    const a = expectTransparent({
      spans: [
        ['a1', { service: 'a', kind: 'SERVER', start: 0, end: 100 }],
        ['ac', { service: 'a', kind: 'CLIENT', parent: 'a1', start: 5, end: 95 }],
        ['b1', { service: 'b', kind: 'SERVER', start: 8, end: 92 }],
        ['bc', { service: 'b', kind: 'CLIENT', parent: 'b1', start: 10, end: 90 }],
        ['a2', { service: 'a', kind: 'SERVER', start: 12, end: 88, error: true }],
      ],
      calls: [
        { hop: 'hop1', parent: 'ac', start: 6, end: 94, callees: ['b1'] },
        { hop: 'hop2', parent: 'bc', start: 11, end: 89, callees: ['a2'] },
      ],
    });
    expect(a.findings.filter((x) => x.type === 'service-cycle').map((x) => x.services)).toEqual([['a', 'b', 'a']]);
    const graph = buildDependencyGraph(a.table.spans);
    expect(graph.edges.map((e) => `${e.source}→${e.target}`)).toEqual(['a→b', 'b→a']);
    expect(graph.cycles).toEqual([['a', 'b']]);
  });

  it("a hop that is its call's only record (no caller, no callee in the trace) stays in the analysis", () => {
    // hop (parent "gone", not in the trace) [0 ── 5]  error injected before any upstream call
    const lone = span('hop', {
      service: 'tracehound-agent',
      kind: 'INTERNAL',
      parent: 'gone',
      start: 0,
      end: 5,
      error: true,
      attributes: hopAttrs('payment', { 'tracehound.fault.type': { stringValue: 'error' } }),
    });
    expect(withoutAgentHops([lone])).toBeNull();
    const a = analyzeTrace([lone]);
    expect(a.findings.map((f) => f.type)).toContain('root-cause-error');
    expect(a.criticalPath.map((seg) => seg.span)).toEqual([0]);
  });

  it('chained hops and a hop whose caller is missing behave as the direct trace', () => {
    // gw CLIENT [0 ──── 50]
    // └── hop1 [1 ──── 49]
    //     └── hop2 [2 ─ 48]         two agents in a row
    //         └── pay SERVER [3 ─ 47]
    // hop3 (parent "gone" not in trace) └── inv SERVER [60 ─ 70]
    const f: Fixture = {
      spans: [
        ['gw', { service: 'gateway', kind: 'CLIENT', start: 0, end: 50 }],
        ['pay', { service: 'payment', kind: 'SERVER', start: 3, end: 47 }],
        ['inv', { service: 'inventory', kind: 'SERVER', start: 60, end: 70 }],
      ],
      calls: [
        { hop: 'hop1', parent: 'gw', start: 1, end: 49, callees: [] },
        { hop: 'hop2', parent: 'hop1', start: 2, end: 48, callees: ['pay'] },
        { hop: 'hop3', parent: 'gone', start: 59, end: 71, callees: ['inv'] },
      ],
    };
    // In the direct trace pay hangs under gw and inv under the missing span.
    const direct = build(f, false).map((s) => (s.spanId === 'inv' ? { ...s, parentSpanId: 'gone' } : s.spanId === 'pay' ? { ...s, parentSpanId: 'gw' } : s));
    const withAgent = build(f, true);
    expect(essence(analyzeTrace(withAgent))).toEqual(essence(analyzeTrace(direct)));
    expect(buildDependencyGraph(withAgent)).toEqual(buildDependencyGraph(direct));
  });
});
