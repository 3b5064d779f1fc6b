import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redact, scrubBody, scrubHeaders, scrubRules, scrubUrl } from './scrub';

const rules = scrubRules({ headers: ['X-Session'], queryParams: ['token'], jsonPaths: ['$.card.number', 'items.*.secret'] });

describe('scrub', () => {
  it('redacts to a stable hash prefix', () => {
    expect(redact('s3cret')).toBe(`REDACTED-${createHash('sha256').update('s3cret').digest('hex').slice(0, 16)}`);
  });

  it('redacts the always-scrubbed and configured headers', () => {
    const out = scrubHeaders({ Authorization: 'Bearer abc', 'set-cookie': ['a=1', 'b=2'], 'x-session': 'S', accept: 'json' }, rules);
    expect(out).toEqual({ authorization: redact('Bearer abc'), 'set-cookie': [redact('a=1'), redact('b=2')], 'x-session': redact('S'), accept: 'json' });
  });

  it('redacts listed query parameters', () => {
    expect(scrubUrl('/pay?token=abc&x=1', rules)).toBe(`/pay?token=${redact('abc')}&x=1`);
    expect(scrubUrl('/pay', rules)).toBe('/pay');
  });

  it('redacts JSON paths, and withholds JSON it cannot parse', () => {
    const body = Buffer.from(JSON.stringify({ card: { number: '4111', cvc: 1 }, items: [{ secret: 'k', n: 1 }] }));
    const out = scrubBody(body, 'application/json', false, rules);
    expect(JSON.parse(out.body!.toString())).toEqual({ card: { number: redact('4111'), cvc: 1 }, items: [{ secret: redact('k'), n: 1 }] });
    expect(scrubBody(body.subarray(0, 10), 'application/json', true, rules)).toEqual({ body: null, withheld: expect.stringMatching(/cannot be scrubbed/) });
    expect(scrubBody(Buffer.from('token=abc'), 'application/x-www-form-urlencoded', false, rules).body!.toString()).toBe(`token=${redact('abc')}`);
  });
});
