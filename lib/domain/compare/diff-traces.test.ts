import { describe, expect, it } from 'vitest';
import { span, type FixtureSpan } from '@/test/support/trace-fixture';
import { diffTraces } from './diff-traces';
import { learnNoiseProfile } from './learn-noise-profile';
import { DEFAULT_NOISE_PROFILE, STRICT_NOISE_PROFILE } from './noise-profile';
import type { TraceDiff } from './trace-diff';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const inA = (id: string, f: FixtureSpan) => span(id, { ...f, traceId: A });
const inB = (id: string, f: FixtureSpan) => span(id, { ...f, traceId: B });

/** gateway GET /order → inventory, then payment (one attempt) → payment db. Span ids differ per side. */
function checkout(side: typeof inA, o: { paymentMs?: number; paymentError?: boolean; status?: string } = {}) {
  const pay = o.paymentMs ?? 40;
  return [
    side('g1', { service: 'gateway', name: 'GET /order', start: 0, end: 100 }),
    side('i1', { parent: 'g1', service: 'inventory', name: 'check', start: 5, end: 20 }),
    side('p1', {
      parent: 'g1',
      service: 'payment',
      name: 'POST /pay',
      start: 30,
      end: 30 + pay,
      error: o.paymentError,
      attributes: { 'http.status_code': { intValue: o.status ?? '200' } },
    }),
    side('d1', { parent: 'p1', service: 'payment', name: 'INSERT', start: 35, end: 45, attributes: { 'db.statement': { stringValue: 'INSERT INTO charges' } } }),
  ];
}

const changed = (diff: TraceDiff) => diff.nodes.filter((n) => n.change !== 'unchanged').map((n) => `${n.change} ${n.key} [${n.differences.join(',')}]`);

describe('diffTraces', () => {
  it('identical traces (different span ids) give an empty diff', () => {
    const diff = diffTraces(checkout(inA), checkout(inB), STRICT_NOISE_PROFILE);
    expect(changed(diff)).toEqual([]);
    expect(diff.firstDivergence).toBeNull();
    expect(diff.summary.nodes).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 4 });
    expect(diff.summary.spans).toEqual({ a: 4, b: 4, added: 0, removed: 0 });
    expect(diff.summary.criticalPath.changed).toBe(false);
    expect(diff.nodes.map((n) => n.key)).toEqual([
      'gateway GET /order',
      'gateway GET /order > inventory check',
      'gateway GET /order > payment POST /pay',
      'gateway GET /order > payment POST /pay > payment INSERT',
    ]);
  });

  it('a retry adds a counted node', () => {
    // A: gateway ─┬─ inventory            B: gateway ─┬─ inventory
    //             └─ payment POST /pay                ├─ payment POST /pay  ERROR 503
    //                 └─ INSERT                       └─ payment POST /pay  (retry)
    //                                                     └─ INSERT
    const b = [
      inB('g1', { service: 'gateway', name: 'GET /order', start: 0, end: 100 }),
      inB('i1', { parent: 'g1', service: 'inventory', name: 'check', start: 5, end: 20 }),
      inB('p0', { parent: 'g1', service: 'payment', name: 'POST /pay', start: 22, end: 28, error: true, attributes: { 'http.status_code': { intValue: '503' } } }),
      inB('p1', { parent: 'g1', service: 'payment', name: 'POST /pay', start: 30, end: 70, attributes: { 'http.status_code': { intValue: '200' } } }),
      inB('d1', { parent: 'p1', service: 'payment', name: 'INSERT', start: 35, end: 45, attributes: { 'db.statement': { stringValue: 'INSERT INTO charges' } } }),
    ];
    const diff = diffTraces(checkout(inA), b, STRICT_NOISE_PROFILE);
    const pay = diff.nodes.find((n) => n.name === 'POST /pay')!;
    expect(pay.change).toBe('changed');
    expect(pay.count).toEqual({ a: 1, b: 2 });
    expect(pay.errors).toEqual({ a: 0, b: 1 });
    expect(pay.differences).toEqual(expect.arrayContaining(['count', 'status', 'attributes']));
    expect(pay.attributes).toEqual([{ key: 'http.status_code', a: ['200'], b: ['200', '503'] }]);
    expect(diff.summary.spans).toMatchObject({ added: 1, removed: 0 });
    expect(diff.summary.newErrors).toBe(1);
    expect(diff.firstDivergence).toEqual({ node: pay.id, key: 'gateway GET /order > payment POST /pay', reason: 'count' });
  });

  it('a missing call is "A only", with everything under it', () => {
    // A: gateway ─┬─ inventory            B: gateway ── inventory
    //             └─ payment ── INSERT
    const b = checkout(inB).slice(0, 2);
    const diff = diffTraces(checkout(inA), b);
    expect(changed(diff)).toEqual([
      'changed gateway GET /order [self-time]', // the gateway now spends the payment's 40 ms itself
      'removed gateway GET /order > payment POST /pay []',
      'removed gateway GET /order > payment POST /pay > payment INSERT []',
    ]);
    expect(diff.summary.spans).toMatchObject({ added: 0, removed: 2 });
    expect(diff.firstDivergence).toMatchObject({ key: 'gateway GET /order > payment POST /pay', reason: 'only-in-a' });
    expect(diff.nodes[2]!.window).toEqual({ a: { start: 30e6, end: 70e6 }, b: null });
  });

  it('reordered parallel siblings are not a difference', () => {
    // A: root ─┬─ x [0-10]  B: root ─┬─ y [0-10]   (input order and start order both swapped)
    //          └─ y [0-10]           └─ x [0-10]
    const a = [inA('r', { start: 0, end: 10 }), inA('x', { parent: 'r', name: 'x', start: 0, end: 10 }), inA('y', { parent: 'r', name: 'y', start: 0, end: 10 })];
    const b = [inB('r', { start: 0, end: 10 }), inB('y', { parent: 'r', name: 'y', start: 0, end: 10 }), inB('x', { parent: 'r', name: 'x', start: 0, end: 10 })];
    expect(changed(diffTraces(a, b, STRICT_NOISE_PROFILE))).toEqual([]);
    // and fan-out calls of one operation finishing in another order
    const fanA = [inA('r', { start: 0, end: 20 }), inA('q1', { parent: 'r', name: 'q', start: 1, end: 5 }), inA('q2', { parent: 'r', name: 'q', start: 1, end: 9 })];
    const fanB = [inB('r', { start: 0, end: 20 }), inB('q1', { parent: 'r', name: 'q', start: 1, end: 9 }), inB('q2', { parent: 'r', name: 'q', start: 1, end: 5 })];
    expect(changed(diffTraces(fanA, fanB, STRICT_NOISE_PROFILE))).toEqual([]);
  });

  it('a renamed operation is a remove and an add', () => {
    // A: gateway ── inventory check        B: gateway ── inventory check-stock
    const b = checkout(inB).map((s) => (s.name === 'check' ? { ...s, name: 'check-stock' } : s));
    const diff = diffTraces(checkout(inA), b);
    expect(changed(diff)).toEqual(['removed gateway GET /order > inventory check []', 'added gateway GET /order > inventory check-stock []']);
    expect(diff.firstDivergence?.reason).toBe('only-in-a');
    expect(diff.summary.spans).toMatchObject({ added: 1, removed: 1 });
  });

  it('reports duration, self time, status and critical-path changes beyond the noise profile', () => {
    // payment 40 ms → 300 ms and failing with 402; the gateway's root grows with it.
    const b = checkout(inB, { paymentMs: 300, paymentError: true, status: '402' }).map((s) => (s.spanId === 'g1' ? { ...s, endTimeUnixNano: s.startTimeUnixNano + 340_000_000n } : s));
    const diff = diffTraces(checkout(inA), b);
    const pay = diff.nodes.find((n) => n.name === 'POST /pay')!;
    expect(pay.differences).toEqual(['status', 'duration', 'self-time', 'attributes']);
    expect(pay.durationNs).toEqual({ a: 40e6, b: 300e6 });
    expect(pay.selfTimeNs).toEqual({ a: 30e6, b: 290e6 });
    expect(diff.summary.durationNs).toEqual({ a: 100e6, b: 340e6, delta: 240e6 });
    expect(diff.summary.newErrors).toBe(1);
    expect(diff.firstDivergence).toMatchObject({ node: pay.id, reason: 'status' });
    // inventory did not change at all
    expect(diff.nodes.find((n) => n.name === 'check')!.change).toBe('unchanged');
  });

  it('absorbs jitter, optional cache spans and retry variations given as noise', () => {
    // B: same request 0.5 ms slower, with a cache lookup and one more INSERT
    const b = [
      ...checkout(inB, { paymentMs: 40.5 }),
      inB('c1', { parent: 'g1', service: 'gateway', name: 'cache GET', start: 1, end: 2 }),
      inB('c2', { parent: 'c1', service: 'redis', name: 'GET', start: 1, end: 2 }),
      inB('d2', { parent: 'p1', service: 'payment', name: 'INSERT', start: 36, end: 44, attributes: { 'db.statement': { stringValue: 'INSERT INTO charges' } } }),
    ];
    // strictly: payment jitter, two added nodes, one more INSERT, and the gateway's self time (the cache call)
    expect(changed(diffTraces(checkout(inA), b, STRICT_NOISE_PROFILE))).toHaveLength(5);
    const profile = { ...DEFAULT_NOISE_PROFILE, countDelta: 1, optional: [{ service: 'gateway', name: 'cache *' }] };
    const diff = diffTraces(checkout(inA), b, profile);
    expect(changed(diff)).toEqual([]);
    expect(diff.summary.spans).toMatchObject({ added: 0, removed: 0 });
    expect(diff.nodes.find((n) => n.service === 'redis')!.noise).toEqual(['count']);
    // a real change still shows through the same profile
    expect(changed(diffTraces(checkout(inA), checkout(inB, { paymentMs: 90 }), profile))).toContain('changed gateway GET /order > payment POST /pay [duration,self-time]');
  });

  it('learns noise from two baseline runs and reports only what goes beyond it', () => {
    const base1 = checkout(inA);
    const base2 = [...checkout(inB, { paymentMs: 46 }), inB('c1', { parent: 'g1', service: 'gateway', name: 'cache GET', start: 1, end: 2 })];
    const profile = learnNoiseProfile([diffTraces(base1, base2, STRICT_NOISE_PROFILE)]);
    expect(profile.paths['gateway GET /order > payment POST /pay']).toEqual({ durationNs: 9e6 });
    expect(profile.paths['gateway GET /order > gateway cache GET']).toEqual({ optional: true });
    const candidateWithin = [...checkout(inB, { paymentMs: 48 }), inB('c1', { parent: 'g1', service: 'gateway', name: 'cache GET', start: 1, end: 2 })];
    expect(changed(diffTraces(base1, candidateWithin, profile))).toEqual([]);
    expect(changed(diffTraces(base1, checkout(inB, { paymentMs: 60 }), profile))).toEqual([
      'changed gateway GET /order [self-time]', // 20 ms less self time: the slower payment covers more of it
      'changed gateway GET /order > payment POST /pay [duration,self-time]',
    ]);
  });
});
