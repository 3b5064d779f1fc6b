import { describe, expect, it } from 'vitest';
import { buildQuery, EMPTY_FORM } from './build-query';
import { parseTraceQL } from './parse';

describe('buildQuery', () => {
  it('writes a query the parser accepts, with values escaped', () => {
    const result = buildQuery({
      ...EMPTY_FORM,
      service: 'pay"ment',
      operation: 'GET \\x',
      attributes: 'http.status_code=500\nspan.http.route = /api/"pay"\ncache.hit=true',
      minDuration: '100ms',
      maxDuration: '1.5s',
      status: 'error',
    });
    expect(result).toEqual({
      ok: true,
      query:
        '{ resource.service.name = "pay\\"ment" && name = "GET \\\\x" && .http.status_code = 500 && span.http.route = "/api/\\"pay\\"" && .cache.hit = true && duration >= 100ms && duration <= 1.5s && status = error }',
    });
    if (result.ok) expect(() => parseTraceQL(result.query)).not.toThrow();
  });

  it('gives the empty selector for an empty form and rejects bad fields', () => {
    expect(buildQuery(EMPTY_FORM)).toEqual({ ok: true, query: '{ }' });
    expect(buildQuery({ ...EMPTY_FORM, minDuration: '5' })).toMatchObject({ ok: false, field: 'minDuration' });
    expect(buildQuery({ ...EMPTY_FORM, attributes: 'a b=1' })).toMatchObject({ ok: false, field: 'attributes' });
    expect(buildQuery({ ...EMPTY_FORM, attributes: 'novalue' })).toMatchObject({ ok: false, field: 'attributes' });
  });

  it("writes the picked attribute and value by the value's type", () => {
    expect(buildQuery({ ...EMPTY_FORM, attributeKey: 'span.http.status_code', attributeValue: '500', attributeType: 'int' })).toEqual({ ok: true, query: '{ span.http.status_code = 500 }' });
    expect(buildQuery({ ...EMPTY_FORM, attributeKey: 'resource.host.name', attributeValue: '500 "x"', attributeType: 'string' })).toEqual({
      ok: true,
      query: '{ resource.host.name = "500 \\"x\\"" }',
    });
    expect(buildQuery({ ...EMPTY_FORM, attributeKey: 'span.x', attributeValue: 'abc', attributeType: 'int' })).toMatchObject({ ok: false, field: 'attributeValue' });
    expect(buildQuery({ ...EMPTY_FORM, attributeKey: 'span.a b', attributeValue: '1', attributeType: 'int' })).toMatchObject({ ok: false, field: 'attributeKey' });
  });
});
