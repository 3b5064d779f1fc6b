import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { estimateHostOffsets } from './estimate-host-offsets';
import { HostOffsetAccumulator, replyReceived } from './host-offset';
import { seededRandom } from '@/test/support/seeded-random';

describe('estimateHostOffsets', () => {
  it('brackets a known injected host offset from generated traces with random network latencies', () => {
    // Each trace: client on host "gw" calls server on host "db" whose clock is TRUTH ms ahead.
    //   client [0 ──────────────────────── rtt]
    //          ↘ net1   server [s ── e]   net2 ↙
    const TRUTH = 137.25;
    const rnd = seededRandom(42);
    const spans = [];
    for (let t = 0; t < 200; t++) {
      const traceId = t.toString(16).padStart(32, '0');
      const base = t * 1000;
      const net1 = 0.2 + rnd() * 20;
      const work = rnd() * 50;
      const net2 = 0.2 + rnd() * 20;
      spans.push(span('c', { traceId, kind: 'CLIENT', service: 'gateway', host: 'gw', start: base, end: base + net1 + work + net2 }));
      spans.push(span('s', { traceId, parent: 'c', kind: 'SERVER', service: 'orders', host: 'db', start: base + net1 + TRUTH, end: base + net1 + work + TRUTH }));
    }
    const [estimate, ...rest] = estimateHostOffsets(spans);
    expect(rest).toEqual([]);
    expect(estimate!.host).toBe('host.name:gw');
    expect(estimate!.referenceHost).toBe('host.name:db');
    // offset is clock(gw) − clock(db) = −TRUTH
    const truthNs = -TRUTH * 1e6;
    expect(estimate!.samples).toBe(200);
    expect(estimate!.consistent).toBe(true);
    expect(estimate!.offsetNs - estimate!.errorBoundNs).toBeLessThanOrEqual(truthNs);
    expect(estimate!.offsetNs + estimate!.errorBoundNs).toBeGreaterThanOrEqual(truthNs);
    // many samples make the bound tight (smallest network latency is 0.2 ms each way)
    expect(estimate!.errorBoundNs).toBeLessThan(2e6);
  });

  it('combines calls in both directions into one estimate per host pair', () => {
    // a→b: client a [0, 10], server b [105, 108]  ⇒ θ(b−a) ∈ [98, 105]
    // b→a: client b [200, 210], server a [103, 104] ⇒ θ(a−b) ∈ [−106, −97] ⇒ θ(b−a) ∈ [97, 106]
    const acc = new HostOffsetAccumulator();
    acc.add('a', 'b', 0, 10, 105, 108);
    acc.add('b', 'a', 200, 210, 103, 104);
    expect(acc.result()).toEqual([{ host: 'b', referenceHost: 'a', offsetNs: 102, errorBoundNs: 4, samples: 2, consistent: true }]);
  });

  it('flags inconsistent bounds (drift or bad data) instead of hiding them', () => {
    const ms = 1e6;
    const acc = new HostOffsetAccumulator();
    acc.add('a', 'b', 0, 10 * ms, 1 * ms, 2 * ms); // θ ∈ [−8, 1] ms
    acc.add('a', 'b', 0, 10 * ms, 50 * ms, 55 * ms); // θ ∈ [45, 50] ms: misses by 44 ms, far beyond jitter
    const [r] = acc.result();
    expect(r!.consistent).toBe(false);
    expect(r!.offsetNs).toBe(23 * ms);
  });

  it('reads a miss within jitter as jitter: a server span 0.3 ms longer than its client on a host 300 ms ahead', () => {
    // client [0, 10] ms; server [300.2, 310.5] ms on its own clock (longer by 0.3 ms: it ended on the socket's
    // close) ⇒ θ ≥ 300.5 and θ ≤ 300.2: empty by 0.3 ms. Widened by the 1 ms clock resolution it is not.
    const ms = 1e6;
    const acc = new HostOffsetAccumulator();
    acc.add('a', 'b', 0, 10 * ms, 300.2 * ms, 310.5 * ms, true, 1 * ms);
    expect(acc.result()).toEqual([{ host: 'b', referenceHost: 'a', offsetNs: 300.35 * ms, errorBoundNs: 0.85 * ms, samples: 1, consistent: true }]);
    // Without the resolution the bounds miss by 0.3 ms: still consistent (jitter), good to ± the miss.
    const tight = new HostOffsetAccumulator();
    tight.add('a', 'b', 0, 10 * ms, 300.2 * ms, 310.5 * ms);
    expect(tight.result()).toEqual([{ host: 'b', referenceHost: 'a', offsetNs: 300.35 * ms, errorBoundNs: 0.3 * ms, samples: 1, consistent: true }]);
  });

  it('ignores same-host pairs and unmatched servers', () => {
    const spans = [
      span('c', { kind: 'CLIENT', service: 'a', host: 'h', start: 0, end: 10 }),
      span('s', { parent: 'c', kind: 'SERVER', service: 'b', host: 'h', start: 1, end: 2 }),
      span('o', { parent: 'missing', kind: 'SERVER', service: 'b', host: 'x', start: 1, end: 2 }),
    ];
    expect(estimateHostOffsets(spans)).toEqual([]);
  });

  it('does not take a reply bound from a client that gave up on a server that went on to succeed', () => {
    // client a [0 ── 400] ERROR (timeout); server b [10 ── 1500] ok, same clock: the reply came after the
    // client left, so only θ ≤ 10 − 0 holds; with no two-sided pair there is no estimate at all
    const acc = new HostOffsetAccumulator();
    acc.add('a', 'b', 0, 400, 10, 1500, replyReceived(true, false));
    expect(acc.result()).toEqual([]);
    // a normal call adds the missing side: θ ∈ [8 − 10, 2 − 0] ∩ (−∞, 10] = [−2, 2]
    acc.add('a', 'b', 0, 10, 2, 8);
    expect(acc.result()).toEqual([{ host: 'b', referenceHost: 'a', offsetNs: 0, errorBoundNs: 2, samples: 2, consistent: true }]);
    // a failed server's error did reach its client
    expect(replyReceived(true, true)).toBe(true);
    expect(replyReceived(false, false)).toBe(true);
  });
});
