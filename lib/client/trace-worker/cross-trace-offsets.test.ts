import { describe, expect, it } from 'vitest';
import { fetchCrossTraceOffsets, skewTableUrl, type SkewTableWire } from './cross-trace-offsets';

const TABLE: SkewTableWire = {
  warnThresholdNs: '50000000',
  hosts: [{ host: 'b-host', referenceHost: 'a-host', offsetNs: '-800000000', errorBoundNs: '2000000', samples: 40, consistent: true }],
};

const answer =
  (status: number, body: unknown): typeof fetch =>
  async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('cross-trace offsets for the trace worker', () => {
  it('asks for the trace start ± 15 minutes', () => {
    const url = new URL(skewTableUrl('http://host:3000/api/traces/abc/spans', 1_700_000_000_000_000_000n));
    expect(url.pathname).toBe('/api/skew');
    expect(url.searchParams.get('from')).toBe('1699999100000000000');
    expect(url.searchParams.get('to')).toBe('1700000900000000000');
  });

  it('decodes the wire table into engine host offsets', async () => {
    const offsets = await fetchCrossTraceOffsets('http://x/api/skew', answer(200, TABLE));
    expect(offsets).toEqual({
      skewWarnNs: 50e6,
      hostOffsets: [{ host: 'b-host', referenceHost: 'a-host', offsetNs: -800e6, errorBoundNs: 2e6, samples: 40, consistent: true }],
    });
  });

  it('gives null (analyse without) on an error answer, a malformed body or a network failure', async () => {
    expect(await fetchCrossTraceOffsets('http://x/api/skew', answer(500, { error: { code: 'internal' } }))).toBeNull();
    expect(await fetchCrossTraceOffsets('http://x/api/skew', answer(200, { nope: 1 }))).toBeNull();
    expect(await fetchCrossTraceOffsets('http://x/api/skew', answer(200, { ...TABLE, hosts: [{ ...TABLE.hosts[0], offsetNs: 'x' }] }))).toBeNull();
    expect(
      await fetchCrossTraceOffsets('http://x/api/skew', async () => {
        throw new TypeError('fetch failed');
      }),
    ).toBeNull();
  });
});
