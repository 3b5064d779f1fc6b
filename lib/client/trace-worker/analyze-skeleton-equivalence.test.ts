import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/test/support/seeded-random';
import { analyzeSkeletonSpans } from '@/lib/domain/waterfall/analyze-skeleton';
import type { HostOffset } from '@/lib/domain/analysis/host-offset';
import { clockKey } from '@/lib/domain/model/host-identity';
import type { HostIdentity } from '@/lib/domain/model/span';
import { analyzeStore, buildWaterfall, type AnalysisPatch, type TraceStore } from '@/lib/domain/waterfall/build-waterfall';
import { skeletonColumnsFromTuples } from '@/lib/domain/waterfall/skeleton-columns';
import type { SkeletonSpan as SpanTuple, WireResource, WireSkeleton } from '@/lib/domain/waterfall/waterfall-wire';
import { waterfallAnalyzer } from './analyze-for-waterfall';
import type { CrossTraceOffsets } from './cross-trace-offsets';

// The trace page's analysis built from the skeleton's columns (analyze-skeleton.ts, the default engine of
// waterfallAnalyzer) must give the AnalysisPatch of the span path (toAnalysisSpans → analyzeTrace) field by
// field, and the same skew reason texts, on generated traces with duplicate ids, orphans, parent-id cycles,
// unfinished spans, errors, several hosts with skewed clocks, client/server pairs, cross-trace host offsets, a
// span whose resource the trailer does not list, agent hops, an empty trace and a single span.

const MS = 1_000_000;
const host = (h: Partial<HostIdentity>): HostIdentity => ({ id: null, name: null, ip: null, serviceInstanceId: null, ...h });
const RESOURCES: WireResource[] = [
  { serviceName: 'frontend', attributes: {}, host: host({ name: 'web-1' }) },
  { serviceName: 'frontend', attributes: {}, host: host({ name: 'web-2' }) },
  { serviceName: 'cart', attributes: {}, host: host({ name: 'cart-1' }) },
  { serviceName: 'db', attributes: {}, host: host({ ip: '10.0.0.9' }) },
  { serviceName: 'queue', attributes: {}, host: host({}) },
  { serviceName: 'db', attributes: {}, host: host({ serviceInstanceId: 'db-2' }) },
];
/** Each resource's clock against true time (ns): cart runs 80 ms ahead, db-2 2 s behind. */
const CLOCK = [0, 3 * MS, 80 * MS, -20 * MS, 0, -2000 * MS];
const AGENT: WireResource = { serviceName: 'tracehound-agent', attributes: {}, host: host({ name: 'agent-1' }) };
const NAMES = ['GET /items', 'POST /order', 'SELECT items', 'publish', 'consume', 'render'];

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** Parents before children in true time, each span's times read on its resource's clock. */
function generate(seed: number, n: number, baseUnixNano: string, withHops = false): WireSkeleton {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const resources = withHops ? [...RESOURCES, AGENT] : RESOURCES;
  const ids: string[] = [];
  const spans: SpanTuple[] = [];
  const truth: Array<[start: number, end: number]> = [];
  for (let i = 0; i < n; i++) {
    const id = i > 5 && rnd() < 0.03 ? pick(ids) : i % 7 === 0 ? hex(0) + hex(i + 1) : hex(Math.floor(rnd() * 2 ** 32)) + hex(Math.floor(rnd() * 2 ** 32));
    ids.push(id);
    const r = rnd();
    const p = i === 0 || r < 0.02 ? -1 : Math.floor(rnd() * i);
    const parent = p < 0 ? null : r < 0.05 ? hex(0xdead) + hex(Math.floor(rnd() * 3)) : r < 0.06 ? id : ids[p]!;
    const unit = pick([MS, 1000, 1]);
    let start: number;
    let end: number;
    if (p < 0) {
      start = Math.floor(rnd() * 50) * unit;
      end = start + Math.floor(rnd() * 3e9);
    } else {
      const [ps, pe] = truth[p]!;
      start = ps + Math.floor((rnd() * (pe - ps)) / 2);
      end = start + Math.floor(rnd() * (pe - start));
    }
    truth.push([start, end]);
    const resource = rnd() < 0.01 ? 9 : withHops && rnd() < 0.1 ? resources.length - 1 : Math.floor(rnd() * RESOURCES.length);
    const clock = CLOCK[resource] ?? 0;
    const e = rnd();
    const endRel = e < 0.04 ? start + clock - 1 - Math.floor(rnd() * 100) : end + clock;
    const status = pick([0, 0, 0, 0, 1, 2]);
    // Mostly client → server pairs, so there are calls between hosts to correct and to estimate offsets from.
    const kind = resource === resources.length - 1 && withHops ? 1 : p >= 0 && spans[p]![3] === 3 && rnd() < 0.8 ? 2 : pick([1, 2, 3, 3, 4, 5]);
    spans.push([id, parent, pick(NAMES), kind, start + clock, endRel, status, status === 2 ? pick(['', 'timeout', 'boom']) : '', null, resource]);
  }
  if (n > 20) {
    spans[10]![1] = spans[11]![0];
    spans[11]![1] = spans[10]![0];
  }
  return { traceId: 'ab'.repeat(16), baseUnixNano, spans, resources };
}

/** Estimates between every two of the resources' clocks, stored in host-name order: θ = clock(host) − clock(reference). */
function crossTraceOffsets(): CrossTraceOffsets {
  const clocks = RESOURCES.map((r, k) => [clockKey(r.host, r.serviceName), CLOCK[k]!] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hostOffsets: HostOffset[] = [];
  for (let a = 0; a < clocks.length; a++)
    for (let b = a + 1; b < clocks.length; b++)
      if (clocks[a]![0] !== clocks[b]![0])
        hostOffsets.push({ referenceHost: clocks[a]![0], host: clocks[b]![0], offsetNs: clocks[b]![1] - clocks[a]![1], errorBoundNs: MS, samples: 10 + a + b, consistent: true });
  return { skewWarnNs: 50 * MS, hostOffsets };
}
const CROSS_TRACE = crossTraceOffsets();

function patchesOf(wire: WireSkeleton, crossTrace: CrossTraceOffsets | null): { old: [AnalysisPatch, TraceStore]; next: [AnalysisPatch, TraceStore] } {
  const oldStore = buildWaterfall(skeletonColumnsFromTuples(wire), null);
  const newStore = buildWaterfall(skeletonColumnsFromTuples(wire), null);
  return {
    old: [analyzeStore(oldStore, waterfallAnalyzer(crossTrace, analyzeSkeletonSpans)), oldStore],
    next: [analyzeStore(newStore, waterfallAnalyzer(crossTrace)), newStore],
  };
}

function expectSamePatch(wire: WireSkeleton, crossTrace: CrossTraceOffsets | null): AnalysisPatch {
  const {
    old: [expected, oldStore],
    next: [actual, newStore],
  } = patchesOf(wire, crossTrace);
  expect(actual.analysisError).toBe(expected.analysisError);
  for (const key of ['correctedStart', 'correctedEnd', 'flags', 'pathOffset', 'pathSegments', 'skewReasonCode'] as const) {
    expect(actual[key].length, key).toBe(expected[key].length);
    expect(Array.from(actual[key]), key).toEqual(Array.from(expected[key]));
  }
  for (const key of ['criticalSegmentCount', 'movedSpanCount', 'analyzed'] as const) expect(actual[key], key).toBe(expected[key]);
  for (const key of ['findings', 'likelyCause', 'skewReasonLabels', 'crossTrace'] as const) expect(JSON.stringify(actual[key]), key).toBe(JSON.stringify(expected[key]));
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  expect(Array.from(newStore.offset)).toEqual(Array.from(oldStore.offset));
  for (let i = 0; i < wire.spans.length; i++) expect(newStore.reasonText(i), `reason text of span ${i}`).toBe(oldStore.reasonText(i));
  return expected;
}

describe('the trace page analysis from the skeleton columns', () => {
  for (const [seed, n, base] of [
    [1, 400, '1795560486899000000'],
    [2, 1500, '1795560486899123457'],
    [3, 60, '1152921504606846976'],
    [4, 3000, '1795560486000000000'],
  ] as const) {
    it(`gives the span path's patch field by field (seed ${seed}, ${n} spans)`, () => {
      const wire = generate(seed, n, base);
      const patch = expectSamePatch(wire, null);
      // The generator does make the cases this test is about.
      expect(patch.analysisError).toBeNull();
      expect(patch.movedSpanCount).toBeGreaterThan(0);
      expect(patch.findings.length).toBeGreaterThan(0);
      expect(patch.findings.some((f) => f.type === 'missing-parent')).toBe(true);
      expect(wire.spans.some((s) => s[5] < s[4])).toBe(true);
      expect(new Set(wire.spans.map((s) => s[0])).size).toBeLessThan(n);
      expectSamePatch(wire, CROSS_TRACE);
    });
  }

  it('uses the cross-trace offsets the same way', () => {
    // One root (a root settles its host's clock at 0 before any estimate is asked): every other span's parent is in the trace.
    const wire = generate(5, 2000, '1795560486899000000');
    const ids = new Set(wire.spans.map((s) => s[0]));
    wire.spans.forEach((s, i) => {
      if (i > 0 && (!s[1] || !ids.has(s[1]) || s[1] === s[0] || i === 10 || i === 11)) s[1] = wire.spans[0]![0];
    });
    const patch = expectSamePatch(wire, CROSS_TRACE);
    expect(patch.crossTrace).not.toBeNull();
    expect(patch.skewReasonCode.includes(5)).toBe(true);
  });

  it('gives the same patch for a trace through the agent (hops)', () => {
    const wire = generate(6, 800, '1795560486899000000', true);
    expect(wire.spans.some((s) => s[9] === wire.resources.length - 1 && s[3] === 1)).toBe(true);
    expectSamePatch(wire, null);
  });

  it('handles an empty trace, one span, an end at unix 0 and a resource the trailer does not list', () => {
    const base = '1152921504606846976'; // 2^60: its negation is exact as a double
    const spans: SpanTuple[] = [
      ['00000000000000aa', null, 'root', 1, 0, 10, 0, '', null, 0],
      ['00000000000000bb', '00000000000000aa', 'zero', 1, -(2 ** 60), -(2 ** 60), 0, '', null, 1],
      ['00000000000000cc', '00000000000000aa', 'lost', 1, 5, 7, 2, 'x', null, 9],
    ];
    const three: WireSkeleton = { traceId: 'ab'.repeat(16), baseUnixNano: base, spans, resources: RESOURCES.slice(0, 2) };
    for (const wire of [three, { ...three, spans: [] }, { ...three, spans: spans.slice(0, 1) }, { ...three, spans: [spans[2]!] }]) {
      expectSamePatch(wire, null);
      expectSamePatch(wire, CROSS_TRACE);
    }
  });
});
