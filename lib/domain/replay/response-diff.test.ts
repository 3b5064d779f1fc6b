import { describe, expect, it } from 'vitest';
import { diffResponses } from './response-diff';
import type { RecordedResponse } from './replay-request';

const b64 = (text: string) => btoa(text);
const res = (status: number, body: unknown, headers: Record<string, string> = {}): RecordedResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: b64(typeof body === 'string' ? body : JSON.stringify(body)),
  bodyTruncated: false,
});

describe('diffResponses', () => {
  it('reports status, a changed JSON field and an added one, by path', () => {
    const d = diffResponses(res(200, { order: { state: 'paid', total: 12 } }), res(402, { order: { state: 'declined', total: 12 }, reason: 'card' }));
    expect(d.identical).toBe(false);
    expect(d.status).toEqual({ original: 200, replayed: 402, differs: true });
    expect(d.body).toEqual({
      kind: 'json',
      changes: [
        { path: 'order.state', kind: 'changed', original: 'paid', replayed: 'declined' },
        { path: 'reason', kind: 'added', replayed: 'card' },
      ],
    });
  });

  it('cancels noise: dates, ids, REDACTED hashes and volatile headers are not differences', () => {
    const a = res(
      200,
      { id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', at: '2026-11-28T10:00:00.123Z', trace: '0af7651916cd43dd8448eb211c80319c', token: 'REDACTED-0123456789abcdef' },
      { date: 'Sat, 28 Nov 2026 10:00:00 GMT', 'x-request-id': 'a' },
    );
    const b = res(
      200,
      { id: '6fa459ea-ee8a-3ca4-894e-db77e160355e', at: '2026-11-28T18:30:01Z', trace: 'ffffffffffffffffffffffffffffffff', token: 'REDACTED-fedcba9876543210' },
      { date: 'Sat, 28 Nov 2026 18:30:01 GMT', 'x-request-id': 'b' },
    );
    expect(diffResponses(a, b)).toMatchObject({ identical: true, headers: [], body: { kind: 'json', changes: [] } });
  });

  it('leaves out configured ignore paths, with wildcards', () => {
    const a = res(200, { items: [{ sku: 'a', stock: 3 }], meta: { node: 'n1' } });
    const b = res(200, { items: [{ sku: 'a', stock: 9 }], meta: { node: 'n2' } });
    expect(diffResponses(a, b).identical).toBe(false);
    expect(diffResponses(a, b, { ignorePaths: ['$.items.*.stock', 'meta.node'] }).identical).toBe(true);
  });

  it('compares a changed header that is not noise, and text bodies as text', () => {
    const d = diffResponses(res(200, 'ok', { 'content-type': 'text/plain', 'x-version': '1' }), res(200, 'not ok', { 'content-type': 'text/plain', 'x-version': '2' }));
    expect(d.headers).toEqual([{ name: 'x-version', original: '1', replayed: '2' }]);
    expect(d.body).toMatchObject({ kind: 'text', differs: true, original: 'ok', replayed: 'not ok' });
  });

  it('says the body is unknown when none was recorded, and compares the status only', () => {
    const d = diffResponses({ status: 200, headers: {}, body: null, bodyTruncated: false }, res(200, { any: 1 }, { 'x-new': '1' }));
    expect(d).toMatchObject({ identical: true, headers: [], body: { kind: 'unknown' } });
  });
});

describe('learnNoise', () => {
  it('finds what two baseline answers disagree on; leaving it out hides only that', async () => {
    const { learnNoise } = await import('./response-diff');
    const noise = learnNoise(res(200, { price: 10, nonce: 'k3j9x' }, { 'x-served-by': 'a' }), res(200, { price: 10, nonce: 'p0q7z' }, { 'x-served-by': 'b' }));
    expect(noise).toEqual({ headers: ['x-served-by'], paths: ['nonce'] });
    const d = diffResponses(res(200, { price: 10, nonce: 'aaaaa' }, { 'x-served-by': 'c' }), res(200, { price: 12, nonce: 'bbbbb' }, { 'x-served-by': 'd' }), {
      ignorePaths: noise.paths,
      ignoreHeaders: noise.headers,
    });
    expect(d.headers).toEqual([]);
    expect(d.body).toEqual({ kind: 'json', changes: [{ path: 'price', kind: 'changed', original: 10, replayed: 12 }] });
  });
});
