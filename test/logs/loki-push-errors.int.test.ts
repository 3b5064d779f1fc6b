// Bad and hostile push bodies over real HTTP: each gets the right status and a message naming the problem,
// and the database is left unchanged. Also: gzip/deflate JSON, tenants, and LogQL edge cases end to end.
import { gzipSync, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { compress } from 'snappyjs';
import { PushRequestType } from '@/lib/domain/loki/logproto';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { startAppServer, type AppServer } from '@/test/support/app-server';

const LIMIT = 1024 * 1024;
let db: TestDatabase;
let app: AppServer;
let pool: pg.Pool;
const nowNs = () => `${Date.now()}000000`;

beforeAll(async () => {
  db = await createTestDatabase('th_loki_errors');
  app = await startAppServer({ DATABASE_URL: db.url, MAX_REQUEST_BYTES: String(LIMIT) });
  pool = new pg.Pool({ connectionString: db.url });
});
afterAll(async () => {
  await pool?.end();
  await app?.stop();
  await db?.drop();
});

async function push(body: Uint8Array | string, headers: Record<string, string>): Promise<{ status: number; message: string }> {
  const payload = typeof body === 'string' ? body : new Uint8Array(body);
  const res = await fetch(`${app.url}/loki/api/v1/push`, { method: 'POST', headers, body: payload });
  const text = await res.text();
  return { status: res.status, message: text ? ((JSON.parse(text) as { error?: { message?: string } }).error?.message ?? '') : '' };
}

async function counts(): Promise<{ logs: number; streams: number }> {
  const r = await pool.query(`SELECT (SELECT count(*) FROM logs)::int AS logs, (SELECT count(*) FROM log_streams)::int AS streams`);
  return r.rows[0] as { logs: number; streams: number };
}

function proto(message: object): Uint8Array {
  return PushRequestType.encode(PushRequestType.fromObject(message)).finish();
}

const PB = { 'content-type': 'application/x-protobuf' };
const JSON_CT = { 'content-type': 'application/json' };

describe('bad push bodies', () => {
  it('rejects each with the right status and changes nothing', async () => {
    const good = { streams: [{ labels: '{app="pb"}', entries: [{ timestamp: { seconds: Math.floor(Date.now() / 1000), nanos: 0 }, line: 'ok' }] }] };
    const goodRaw = proto(good);
    // Declares 100 bytes, then a copy op reaching 65535 bytes back into an empty output.
    const corruptSnappy = new Uint8Array([100, 0x0a, 0xff, 0xff]);
    const cases: [string, Uint8Array | string, Record<string, string>, number, RegExp][] = [
      ['corrupt snappy', corruptSnappy, PB, 400, /corrupt snappy body/],
      ['not snappy at all', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), PB, 400, /not snappy block-compressed/],
      ['truncated protobuf', compress(goodRaw.slice(0, goodRaw.length - 3)), PB, 400, /malformed logproto.PushRequest/],
      ['bad label syntax', compress(proto({ streams: [{ labels: '{app=pb}', entries: [] }] })), PB, 400, /streams\[0\]\.labels: expected a double-quoted value at position 5/],
      ['non-numeric timestamp', JSON.stringify({ streams: [{ stream: { app: 'j' }, values: [['yesterday', 'x']] }] }), JSON_CT, 400, /values\[0\]\[0\]: timestamp must be unix nanoseconds/],
      ['float timestamp', JSON.stringify({ streams: [{ stream: { app: 'j' }, values: [['1.7e18', 'x']] }] }), JSON_CT, 400, /timestamp must be unix nanoseconds/],
      ['invalid JSON', '{"streams": [', JSON_CT, 400, /not valid JSON/],
      [
        'two hours in the future',
        JSON.stringify({ streams: [{ stream: { app: 'j' }, values: [[`${Date.now() + 7_200_000}000000`, 'x']] }] }),
        JSON_CT,
        400,
        /more than 1h in the future \(1\); first: streams\[0\] entry 0: timestamp \d+/,
      ],
      [
        'older than retention',
        JSON.stringify({ streams: [{ stream: { app: 'j' }, values: [['1000000000000000000', 'x']] }] }),
        JSON_CT,
        400,
        /^1 rejected: older than the retention period \(1\); first: streams\[0\] entry 0: timestamp 1000000000000000000 \(oldest accepted \d+\)\.$/,
      ],
      ['snappy bomb (declared size)', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]), PB, 413, /declares 4294967295 uncompressed bytes/],
      ['snappy bomb (real)', compress(new Uint8Array(4 * LIMIT)), PB, 413, /uncompressed bytes; the limit is 1048576/],
      ['gzip bomb', gzipSync(Buffer.alloc(8 * LIMIT, 0x20)), { ...JSON_CT, 'content-encoding': 'gzip' }, 413, /exceeds the limit of 1048576 bytes \(after decompression\)/],
      ['deflate bomb', deflateSync(Buffer.alloc(8 * LIMIT, 0x20)), { ...JSON_CT, 'content-encoding': 'deflate' }, 413, /exceeds the limit of 1048576 bytes \(after decompression\)/],
      ['oversized raw body', new Uint8Array(LIMIT + 10), PB, 413, /exceeds the limit of 1048576 bytes/],
      ['bad gzip', new Uint8Array([1, 2, 3, 4]), { ...JSON_CT, 'content-encoding': 'gzip' }, 400, /Cannot decompress gzip body/],
      ['unknown encoding', '{}', { ...JSON_CT, 'content-encoding': 'br' }, 415, /Unsupported Content-Encoding "br"/],
      ['bad tenant', '{"streams":[]}', { ...JSON_CT, 'x-scope-orgid': 'a b' }, 400, /X-Scope-OrgID/],
    ];
    for (const [name, body, headers, status, message] of cases) {
      const res = await push(body, headers);
      expect({ name, status: res.status }).toEqual({ name, status });
      expect(res.message, name).toMatch(message);
    }
    expect(await counts()).toEqual({ logs: 0, streams: 0 });
    // The good body is accepted, proving the rejections were about the damage.
    expect((await push(compress(goodRaw), PB)).status).toBe(204);
    expect(await counts()).toEqual({ logs: 1, streams: 1 });
  });
});

describe('JSON pushes, tenants and LogQL end to end', () => {
  const base = BigInt(Date.now() - 60_000) * 1_000_000n;
  const lines = [
    'level=info msg="request done" duration=250ms status=200',
    'level=error msg="request failed" duration=2.5s status=500 trace_id=5b8efff798038103d269b633813fc60c',
    '{"level":"warn","msg":"slow query","duration_ms":1500,"db":"orders"}',
    '{"level":"info","msg":"fast query","duration_ms":12,"db":"orders"}',
    'plain text timeout happened',
  ];

  beforeAll(async () => {
    const body = JSON.stringify({
      streams: [{ stream: { app: 'svc', env: 'prod' }, values: lines.map((l, i) => [String(base + BigInt(i)), l]) }],
    });
    expect((await push(gzipSync(body), { ...JSON_CT, 'content-encoding': 'gzip' })).status).toBe(204);
    // Re-delivery (deflate this time) stores nothing new.
    expect((await push(deflateSync(body), { ...JSON_CT, 'content-encoding': 'deflate' })).status).toBe(204);
    const other = JSON.stringify({ streams: [{ stream: { app: 'svc' }, values: [[nowNs(), 'other tenant line']] }] });
    expect((await push(other, { ...JSON_CT, 'x-scope-orgid': 'acme' })).status).toBe(204);
  });

  async function q(query: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<string[]> {
    const params = new URLSearchParams({ query, direction: 'forward', ...extra });
    const res = await app.fetch(`${app.url}/loki/api/v1/query_range?${params}`, { headers });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    return (body.data.result as { values: [string, string][] }[])
      .flatMap((s) => s.values)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map((v) => v[1]);
  }

  it('stores re-delivered lines once', async () => {
    expect(await q('{app="svc"}')).toEqual(lines);
  });

  it('evaluates line filters, parsers and typed label filters', async () => {
    expect(await q('{app="svc"} |= "timeout"')).toEqual([lines[4]]);
    expect(await q('{app="svc"} |~ "request (done|failed)" != "failed"')).toEqual([lines[0]]);
    expect(await q('{app="svc"} | logfmt | duration > 1s')).toEqual([lines[1]]);
    expect(await q('{app="svc"} | logfmt | status >= 500')).toEqual([lines[1]]);
    expect(await q('{app="svc"} | json | duration_ms > 1000')).toEqual([lines[2]]);
    expect(await q('{app="svc"} | json | db="orders" and duration_ms < 100')).toEqual([lines[3]]);
    expect(await q('{app="svc"} | level="error"')).toEqual([lines[1]]);
    expect(await q('{app="svc"} | level=~"warn|error"')).toEqual([lines[1], lines[2]]);
    expect(await q('{app="svc"} | trace_id="5b8efff798038103d269b633813fc60c"')).toEqual([lines[1]]);
    expect(await q('{app="svc", env!="prod"}')).toEqual([]);
    expect(await q('{app=~"sv.*", env=~"pr.d"} |= "query"', { limit: '1' })).toEqual([lines[2]]);
    expect(await q('{app="svc"}', { limit: '2', direction: 'backward' })).toEqual([lines[3], lines[4]]);
  });

  it('keeps tenants apart', async () => {
    expect(await q('{app="svc"} |= "other tenant"')).toEqual([]);
    expect(await q('{app="svc"}', {}, { 'x-scope-orgid': 'acme' })).toEqual(['other tenant line']);
  });

  it('answers unsupported or invalid LogQL with a 400 naming the part', async () => {
    const cases: [string, RegExp][] = [
      ['rate({app="svc"}[5m]) or vector(0)', /the set operator "or" is not supported/],
      ['last_over_time({app="svc"} | unwrap n [5m])', /the function "last_over_time" is not supported/],
      ['{app="svc"} | line_format "{{.msg | ToUpper}}"', /template action "\{\{\.msg \| ToUpper\}\}" is not supported/],
      ['{app="svc"} |~ "(unclosed"', /invalid regular expression/],
      ['{app="svc"', /expected ',' or '}'/],
    ];
    for (const [query, message] of cases) {
      const res = await app.fetch(`${app.url}/loki/api/v1/query_range?${new URLSearchParams({ query })}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.message).toMatch(message);
    }
    const badTime = await app.fetch(`${app.url}/loki/api/v1/query_range?${new URLSearchParams({ query: '{app="svc"}', start: 'soon' })}`);
    expect(badTime.status).toBe(400);
    expect((await badTime.json()).error.message).toMatch(/start: expected unix seconds\/nanoseconds or RFC 3339/);
  });

  it('evaluates count_over_time and sum by (...) like Loki (matrix and vector)', async () => {
    const sec = (ns: bigint) => Number(ns / 1_000_000n) / 1000;
    const range = { start: String(base - 30_000_000_000n), end: String(base + 90_000_000_000n), step: '60s' };
    const byLevel = await (
      await app.fetch(`${app.url}/loki/api/v1/query_range?${new URLSearchParams({ query: 'sum by (level) (count_over_time({app="svc"} | drop __error__ [1m]))', ...range })}`)
    ).json();
    expect(byLevel.data.resultType).toBe('matrix');
    const point = sec(base + 30_000_000_000n);
    const series = (byLevel.data.result as { metric: Record<string, string>; values: [number, string][] }[])
      .map((r) => ({ level: r.metric.level ?? '(none)', values: r.values }))
      .sort((a, b) => a.level.localeCompare(b.level));
    expect(series).toEqual([
      { level: '(none)', values: [[point, '1']] },
      { level: 'error', values: [[point, '1']] },
      { level: 'info', values: [[point, '2']] },
      { level: 'warn', values: [[point, '1']] },
    ]);
    const perStream = await (await app.fetch(`${app.url}/loki/api/v1/query_range?${new URLSearchParams({ query: 'count_over_time({app="svc"} |= "query" [1m])', ...range })}`)).json();
    expect(perStream.data.result).toEqual([{ metric: { app: 'svc', env: 'prod' }, values: [[point, '2']] }]);
    const instant = await (await app.fetch(`${app.url}/loki/api/v1/query?${new URLSearchParams({ query: 'sum(count_over_time({app="svc"}[5m]))', time: String(base + 60_000_000_000n) })}`)).json();
    expect(instant.data).toEqual({ resultType: 'vector', result: [{ metric: {}, value: [sec(base + 60_000_000_000n), '5'] }], stats: {} });
  });

  it('serves the histogram and the instant query', async () => {
    const params = new URLSearchParams({ query: '{app="svc"} | logfmt', start: String(base - 30_000_000_000n), end: String(base + 30_000_000_000n), buckets: '6' });
    const h = await (await app.fetch(`${app.url}/api/logs/histogram?${params}`)).json();
    expect(h.buckets).toHaveLength(6);
    expect(h.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(5);
    expect(h.buckets[3].count).toBe(5);
    const instant = await (await app.fetch(`${app.url}/loki/api/v1/query?${new URLSearchParams({ query: '{app="svc"} |= "timeout"' })}`)).json();
    expect(instant.data.result[0].values[0][1]).toBe(lines[4]);
  });
});
