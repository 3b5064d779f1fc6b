// Issue #19: every bad read parameter is a 400 whose message names the parameter — never a database error
// (int8 overflow, NUL), a URIError (double-decoded path segments) or the framework's bare 500 (malformed
// percent-escapes). Over real HTTP against the built app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let app: AppServer;

beforeAll(async () => {
  db = await createTestDatabase('th_hard_params');
  app = await startAppServer({ DATABASE_URL: db.url });
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const q = encodeURIComponent;
const sel = q('{app="api"}');
const yearsAgo = (days: number) => String(BigInt(Date.now() - days * 86_400_000) * 1_000_000n);

/** [path and query, text the message must contain (the parameter's name, or the query position)]. */
const BAD: [string, RegExp][] = [
  // int8 overflow and out-of-range instants
  [`/loki/api/v1/query_range?query=${sel}&end=9223372036854775807`, /^end: out of range/],
  [`/loki/api/v1/query_range?query=${sel}&start=99999999999999999999`, /^start: /],
  [`/loki/api/v1/query?query=${sel}&time=9999999999999999999`, /^time: out of range/],
  [`/api/search?from=0001-01-01T00:00:00Z`, /^from: out of range/],
  [`/api/search?to=99999999999999999999`, /^to: out of range/],
  [`/api/search?q=${q('{ traceDuration > 9999999999h }')}`, /duration 9999999999h is out of range.*position/],
  [`/api/search?q=${q('{ duration > 99999999999999999999ns }')}`, /out of range/],
  [`/loki/api/v1/query_range?query=${q('count_over_time({app="api"}[99999999h])')}`, /range "99999999h" is too long/],
  [`/loki/api/v1/query_range?query=${q('count_over_time({app="api"}[1m])')}&step=99999999999999999`, /^step: /],
  [`/loki/api/v1/query_range?query=${q('count_over_time({app="api"}[1m])')}&step=0.000001`, /^step: too small for the range/],
  [`/loki/api/v1/query_range?query=${sel}&since=99999999999h`, /^since: /],
  [`/loki/api/v1/query_range?query=${sel}&since=${'9'.repeat(400)}`, /^since: /],
  [`/api/logs/histogram?query=${sel}&since=99999999999h`, /^since: /],
  [`/api/services?from=${yearsAgo(3600)}`, /^from: the window may span at most 366 days/],
  [`/api/services?from=0001-01-01T00:00:00Z`, /^from: out of range/],
  [`/api/skew?from=0001-01-01T00:00:00Z`, /^from: out of range/],
  [`/api/dependencies?to=99999999999999999999`, /^to: out of range/],
  [`/jaeger/api/traces?service=a&minDuration=99999999999h`, /^minDuration: out of range/],
  [`/jaeger/api/v3/trace-summaries?query.service_name=a&query.duration_min=99999999999h`, /^query\.duration_min: out of range/],
  [`/jaeger/api/v3/trace-summaries?query.service_name=a&query.start_time_min=0001-01-01T00:00:00Z`, /^query\.start_time_min: out of range/],
  [`/jaeger/api/traces?service=a&maxDuration=99999999999h`, /^maxDuration: out of range/],
  [`/jaeger/api/traces?service=a&start=99999999999999999`, /^start: out of range/],
  [`/jaeger/api/dependencies?endTs=999999999999999`, /^endTs: out of range/],
  [`/jaeger/api/dependencies?lookback=999999999999999`, /^lookback: out of range/],
  // NUL anywhere a parameter reaches SQL
  [`/api/search?q=${q('{ name = "a\0" }')}`, /^q: must not contain NUL/],
  [`/loki/api/v1/query_range?query=${q('{app="a\0"}')}`, /^query: must not contain NUL/],
  [`/loki/api/v1/query_range?query=${q('{app="\\x00"}')}`, /NUL characters are not allowed/],
  [`/jaeger/api/traces?service=${q('a\0')}`, /^service: must not contain NUL/],
  [`/jaeger/api/services/a%00/operations`, /^service: must not contain NUL/],
  [`/api/search?limit=5&${q('x\0')}=1`, /parameter names must not contain NUL/],
  // path segments
  [`/api/traces/%25`, /traceId must be/],
  [`/loki/api/v1/label/%25/values`, /^name: "%" is not a label name/],
];

describe('bad read parameters', () => {
  it.each(BAD)('GET %s → 400 naming the parameter', async (path, message) => {
    const res = await app.fetch(`${app.url}${path}`);
    const text = await res.text();
    expect(res.status, text).toBe(400);
    const body = JSON.parse(text) as { error?: { message?: string }; errors?: { msg: string }[] };
    // The shared envelope, or Jaeger's for /jaeger routes.
    expect(body.error?.message ?? body.errors?.[0]?.msg).toMatch(message);
  });

  it('POSTed Loki forms are checked like query strings', async () => {
    const res = await app.fetch(`${app.url}/loki/api/v1/query_range`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${q('{app="a\0"}')}`,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^query: must not contain NUL/);
  });

  it('a malformed percent-escape in a path segment is a JSON 400 with the security headers, not the framework 500', async () => {
    for (const path of ['/api/traces/%ff', '/api/traces/%', '/jaeger/api/services/%E0%A4%A/operations', '/loki/api/v1/label/%ff/values', '/traces/%ff']) {
      const res = await app.fetch(`${app.url}${path}`);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(((await res.json()) as { error: { message: string; field: string } }).error).toMatchObject({ field: 'path', message: expect.stringMatching(/not valid percent-encoded UTF-8/) });
    }
  });

  it('well-formed escapes reach the handler decoded once', async () => {
    // "%25" is "%": a service of that name simply has no operations.
    const res = await app.fetch(`${app.url}/jaeger/api/services/%25/operations`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual([]);
    expect(app.output()).not.toContain('[api] unexpected error');
  });
});
