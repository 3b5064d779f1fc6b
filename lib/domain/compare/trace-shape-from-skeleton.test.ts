import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/test/support/seeded-random';
import type { AnalysisSpan } from '../analysis/analysis-span';
import type { Attributes } from '../model/any-value';
import type { HostIdentity } from '../model/span';
import { skeletonColumnsFromTuples, type SkeletonColumns } from '../waterfall/skeleton-columns';
import type { SkeletonSpan as SpanTuple, WireResource, WireSkeleton } from '../waterfall/waterfall-wire';
import type { TraceAttributesOfInterest } from './attributes-of-interest';
import { traceDiffOf } from './diff-traces';
import { diffPair } from './pair-diff';
import { spansFromSkeleton } from './spans-from-skeleton';
import { traceShape, type TraceShape } from './trace-shape';
import { traceShapeFromSkeleton } from './trace-shape-from-skeleton';

// traceShapeFromSkeleton must be traceShape(spansFromSkeleton(...)) in everything a diff reads: the document
// of a diff of its shapes is compared byte for byte (JSON) with the old path's, on generated traces with
// duplicate ids, orphans, a missing parent shared by several spans, parent-id cycles, self-parents, unfinished
// spans, equal starts, errors, several hosts per service and attributes of interest (including entries that
// must not match: an upper-case id, a wrong start, repeated entries).

const host = (h: Partial<HostIdentity>): HostIdentity => ({ id: null, name: null, ip: null, serviceInstanceId: null, ...h });
const RESOURCES: WireResource[] = [
  { serviceName: 'frontend', attributes: {}, host: host({ name: 'web-1' }) },
  { serviceName: 'frontend', attributes: {}, host: host({ name: 'web-2' }) },
  { serviceName: 'cart', attributes: {}, host: host({ id: 'i-cart' }) },
  { serviceName: 'db', attributes: {}, host: host({ ip: '10.0.0.9' }) },
  { serviceName: 'queue', attributes: {}, host: host({}) },
  { serviceName: 'db', attributes: {}, host: host({ serviceInstanceId: 'db-2' }) },
];
const NAMES = ['GET /items', 'POST /order', 'SELECT items', 'publish', 'consume', 'render'];

interface Generated {
  skeleton: WireSkeleton;
  interest: TraceAttributesOfInterest;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function generate(seed: number, n: number, baseUnixNano: string): Generated {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const ids: string[] = [];
  const spans: SpanTuple[] = [];
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    // Random ids, a run of sequential ones (hash clustering), and duplicates of earlier ids.
    const id = i > 5 && rnd() < 0.03 ? pick(ids) : i % 7 === 0 ? hex(0) + hex(i + 1) : hex(Math.floor(rnd() * 2 ** 32)) + hex(Math.floor(rnd() * 2 ** 32));
    ids.push(id);
    const r = rnd();
    const parent = i === 0 || r < 0.02 ? null : r < 0.05 ? hex(0xdead) + hex(Math.floor(rnd() * 3)) : r < 0.06 ? id : ids[Math.floor(rnd() * i)]!;
    // Starts on whole ms, whole µs or any ns, with ties; ends after, before (unfinished) or at the start.
    const unit = pick([1_000_000, 1000, 1]);
    const start = i > 0 && rnd() < 0.1 ? starts[Math.floor(rnd() * i)]! : Math.floor(rnd() * 5000) * unit + (unit === 1 ? Math.floor(rnd() * 999) : 0);
    starts.push(start);
    const e = rnd();
    const end = e < 0.05 ? start - 1 - Math.floor(rnd() * 100) : e < 0.07 ? start : start + Math.floor(rnd() * 3e9);
    const status = pick([0, 0, 0, 1, 2]);
    spans.push([id, parent, pick(NAMES), Math.floor(rnd() * 6), start, end, status, status === 2 ? pick(['', 'timeout', 'boom']) : '', null, Math.floor(rnd() * RESOURCES.length)]);
  }
  // A parent-id cycle of two spans and an id cycle through a duplicate.
  if (n > 20) {
    spans[10]![1] = spans[11]![0];
    spans[11]![1] = spans[10]![0];
  }
  const base = BigInt(baseUnixNano);
  const interest: TraceAttributesOfInterest = { traceId: 'ab'.repeat(16), spans: [] };
  for (const s of spans) {
    const startUnix = (base + BigInt(s[4])).toString();
    const x = rnd();
    const attributes: Attributes = { 'http.status_code': { intValue: String(pick([200, 200, 404, 500])) } };
    if (x < 0.08) interest.spans.push([s[0], startUnix, attributes]);
    else if (x < 0.09) interest.spans.push([s[0], (base + BigInt(s[4]) + 1n).toString(), { 'db.statement': { stringValue: 'wrong start' } }]);
    else if (x < 0.1) interest.spans.push([s[0].toUpperCase(), startUnix, { 'db.statement': { stringValue: 'upper-case id' } }]);
    else if (x < 0.11) {
      interest.spans.push([s[0], startUnix, { 'peer.service': { stringValue: 'first' } }]);
      interest.spans.push([s[0], startUnix, { 'peer.service': { stringValue: 'second' } }]);
    }
  }
  return { skeleton: { traceId: interest.traceId, baseUnixNano, spans, resources: RESOURCES }, interest };
}

/** Trace B: A with some spans dropped, renamed, slower, failing, and other attributes of interest. */
function mutate(a: Generated, seed: number): Generated {
  const rnd = seededRandom(seed);
  const spans = a.skeleton.spans
    .filter(() => rnd() > 0.05)
    .map((s): SpanTuple => {
      const t = [...s] as SpanTuple;
      if (rnd() < 0.05) t[2] = `${t[2]} v2`;
      if (rnd() < 0.1) t[5] += 5_000_000;
      if (rnd() < 0.05) t[6] = 2;
      return t;
    });
  const interest = {
    ...a.interest,
    spans: a.interest.spans.map(([id, start, attributes]): [string, string, Attributes] => [id, start, rnd() < 0.2 ? { 'http.status_code': { intValue: '503' } } : attributes]),
  };
  return { skeleton: { ...a.skeleton, traceId: 'cd'.repeat(16), spans }, interest };
}

const oldShape = (s: SkeletonColumns, interest: TraceAttributesOfInterest): TraceShape => traceShape(spansFromSkeleton(s, interest));
const FIELDS: ReadonlyArray<keyof AnalysisSpan> = [
  'traceId',
  'spanId',
  'parentSpanId',
  'name',
  'kind',
  'serviceName',
  'startTimeUnixNano',
  'endTimeUnixNano',
  'statusCode',
  'statusMessage',
  'attributes',
  'host',
];

function expectSameShape(actual: TraceShape, expected: TraceShape): void {
  const { spans: actualSpans, ...actualTable } = actual.table;
  const { spans: expectedSpans, ...expectedTable } = expected.table;
  expect(actualTable).toEqual(expectedTable);
  expect(actual.tree).toEqual(expected.tree);
  expect({ ...actual, table: null, tree: null }).toEqual({ ...expected, table: null, tree: null });
  expect(actualSpans.length).toBe(expectedSpans.length);
  expectedSpans.forEach((span, k) => {
    for (const field of FIELDS) expect(actualSpans[k]![field], `span ${k} ${field}`).toEqual(span[field]);
  });
}

describe('traceShapeFromSkeleton', () => {
  for (const [seed, n, base] of [
    [1, 400, '1795560486899000000'],
    [2, 1500, '1795560486899123457'],
    [3, 60, '1152921504606846976'],
    [4, 3000, '1795560486000000000'],
  ] as const) {
    it(`gives the old path's shapes and document byte for byte (seed ${seed}, ${n} spans)`, () => {
      const a = generate(seed, n, base);
      const b = mutate(a, seed + 100);
      const columnsA = skeletonColumnsFromTuples(a.skeleton);
      const columnsB = skeletonColumnsFromTuples(b.skeleton);
      const oldA = oldShape(columnsA, a.interest);
      const oldB = oldShape(columnsB, b.interest);
      const newA = traceShapeFromSkeleton(columnsA, a.interest);
      const newB = traceShapeFromSkeleton(columnsB, b.interest);
      // The generator does make the cases this test is about.
      expect(oldA.tree.duplicates.length).toBeGreaterThan(0);
      expect(oldA.tree.orphans.length).toBeGreaterThan(0);
      expect(oldA.tree.cycleBreaks.length).toBeGreaterThan(0);
      expect(oldA.table.unfinished.some((u) => u === 1)).toBe(true);
      expect(oldA.table.spans.some((s) => s.attributes)).toBe(true);
      expectSameShape(newA, oldA);
      expectSameShape(newB, oldB);
      const document = JSON.stringify(traceDiffOf(diffPair(newA, newB)));
      expect(document).toBe(JSON.stringify(traceDiffOf(diffPair(oldA, oldB))));
      // Attributes of interest differ somewhere (too few spans for that in the smallest trace).
      if (n >= 400) expect(document.includes('"attributes":[{')).toBe(true);
    });
  }

  it('handles an empty trace, an end at unix 0 and a resource the trailer does not list', () => {
    const base = '1152921504606846976'; // 2^60: its negation is exact as a double
    const spans: SpanTuple[] = [
      ['00000000000000aa', null, 'root', 1, 0, 10, 0, '', null, 0],
      ['00000000000000bb', '00000000000000aa', 'zero', 1, -(2 ** 60), -(2 ** 60), 0, '', null, 1],
      ['00000000000000cc', '00000000000000aa', 'lost', 1, 5, 7, 2, 'x', null, 9],
    ];
    const one: WireSkeleton = { traceId: 'ab'.repeat(16), baseUnixNano: base, spans, resources: RESOURCES.slice(0, 2) };
    const empty: WireSkeleton = { ...one, spans: [] };
    const none: TraceAttributesOfInterest = { traceId: one.traceId, spans: [] };
    for (const wire of [one, empty]) {
      const columns = skeletonColumnsFromTuples(wire);
      expectSameShape(traceShapeFromSkeleton(columns, none), oldShape(columns, none));
    }
    const diff = (shape: (s: SkeletonColumns, i: TraceAttributesOfInterest) => TraceShape) =>
      JSON.stringify(traceDiffOf(diffPair(shape(skeletonColumnsFromTuples(one), none), shape(skeletonColumnsFromTuples(empty), none))));
    expect(diff(traceShapeFromSkeleton)).toBe(diff(oldShape));
  });
});
