import { describe, expect, it } from 'vitest';
import { requestFromSpan, responseFromSpan } from './request-from-span';

const s = (stringValue: string) => ({ stringValue });

describe('requestFromSpan', () => {
  it('builds a request from current semantic conventions, marked body unknown', () => {
    const attrs = {
      'http.request.method': s('post'),
      'url.path': s('/api/checkout'),
      'url.query': s('x=1'),
      'http.request.header.content-type': { arrayValue: { values: [s('application/json')] } },
      'http.response.status_code': { intValue: '502' },
    };
    expect(requestFromSpan(attrs)).toEqual({ method: 'POST', url: '/api/checkout?x=1', headers: { 'content-type': 'application/json' }, body: null, bodyUnknown: true });
    expect(responseFromSpan(attrs)).toEqual({ status: 502, headers: {}, body: null, bodyTruncated: false });
  });

  it('reads the older names (http.method, http.url) and keeps only path and query', () => {
    expect(requestFromSpan({ 'http.method': s('GET'), 'http.url': s('http://shop:8080/cart?id=3') })).toMatchObject({ method: 'GET', url: '/cart?id=3' });
  });

  it('returns null without a method or a path', () => {
    expect(requestFromSpan({ 'http.request.method': s('GET') })).toBeNull();
    expect(requestFromSpan({ 'url.path': s('/x') })).toBeNull();
  });
});
