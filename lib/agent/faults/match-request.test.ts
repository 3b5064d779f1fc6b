import { describe, expect, it } from 'vitest';
import { globToRegExp, matchesRequest } from './match-request';

describe('matchesRequest', () => {
  const request = { method: 'POST', path: '/api/orders/42/pay', headers: { 'x-user': 'u1', accept: ['a', 'b'] } };

  it('matches methods, globs and headers', () => {
    expect(matchesRequest({}, request)).toBe(true);
    expect(matchesRequest({ methods: ['GET'] }, request)).toBe(false);
    expect(matchesRequest({ methods: ['POST'], path: '/api/orders/*/pay' }, request)).toBe(true);
    expect(matchesRequest({ path: '/api/*' }, request)).toBe(false);
    expect(matchesRequest({ path: '/api/**' }, request)).toBe(true);
    expect(matchesRequest({ headers: { 'X-User': 'u1' } }, request)).toBe(true);
    expect(matchesRequest({ headers: { accept: 'b' } }, request)).toBe(true);
    expect(matchesRequest({ headers: { 'x-user': 'u2' } }, request)).toBe(false);
  });

  it('treats regex characters in globs literally', () => {
    expect(globToRegExp('/a.b').test('/axb')).toBe(false);
    expect(globToRegExp('/a.b').test('/a.b')).toBe(true);
  });
});
