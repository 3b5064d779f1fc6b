// Grafana's Loki data source against the built app over real HTTP and real PostgreSQL. The requests are those
// Grafana 11.x's backend (pkg/tsdb/loki/api.go, makeDataRequest) sends: instant queries as
// /loki/api/v1/query?direction=backward&limit=N&query=…&time=<unix ns>, range queries as
// /loki/api/v1/query_range?direction=backward&end=<ns>&limit=N&query=…&start=<ns>&step=<ms>ms, with
// X-Query-Tags naming the source. "Save & test" (healthcheck.go) is the instant query vector(1)+vector(1) and
// reads the single sample's value (2); the log-volume histogram is sum by (level) (count_over_time(…)) and
// Grafana's data frames assume samples in time order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { startAppServer, type AppServer } from '@/test/support/app-server';

let db: TestDatabase;
let app: AppServer;

const MIN_NS = 60_000_000_000n;
// 30 minutes of lines, aligned to a minute, ending 10 minutes ago.
const BASE_NS = ((BigInt(Date.now()) * 1_000_000n) / MIN_NS) * MIN_NS - 40n * MIN_NS;
const STEPS = 30;

interface Sample {
  0: number;
  1: string;
}
interface Matrix {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; values: Sample[] }[] };
}

async function lokiGet(path: string, params: Record<string, string>, tags = 'Source=grafana'): Promise<Response> {
  return app.fetch(`${app.url}${path}?${new URLSearchParams(params)}`, { headers: { 'X-Query-Tags': tags } });
}

async function range(query: string, stepMs = 60_000, tags?: string): Promise<Matrix> {
  const res = await lokiGet(
    '/loki/api/v1/query_range',
    {
      direction: 'backward',
      end: String(BASE_NS + BigInt(STEPS - 1) * MIN_NS),
      limit: '1000',
      query,
      start: String(BASE_NS),
      step: `${stepMs}ms`,
    },
    tags,
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Matrix;
}

beforeAll(async () => {
  db = await createTestDatabase('th_graf_loki');
  app = await startAppServer({ DATABASE_URL: db.url });
  // Minute i: i+1 info lines of 10 bytes in {app="vol", pod="p1"}, one error line in pod p2 every 3rd minute,
  // each error carrying latency=<i>ms as logfmt.
  const p1: [string, string][] = [];
  const p2: [string, string][] = [];
  for (let i = 0; i < STEPS; i++) {
    for (let j = 0; j <= i; j++) p1.push([String(BASE_NS + BigInt(i) * MIN_NS - BigInt(j + 1) * 1_000_000n), 'info 12345']);
    if (i % 3 === 0) p2.push([String(BASE_NS + BigInt(i) * MIN_NS - 500_000_000n), `level=error latency=${i}ms`]);
  }
  const res = await app.fetch(`${app.url}/loki/api/v1/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      streams: [
        { stream: { app: 'vol', pod: 'p1', level: 'info' }, values: p1 },
        { stream: { app: 'vol', pod: 'p2', level: 'error' }, values: p2 },
      ],
    }),
  });
  expect(res.status, await res.text()).toBe(204);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describe('Grafana Loki data source (requests of Grafana 11.x)', () => {
  it('passes "Save & test": vector(1)+vector(1) answers one sample with value 2', async () => {
    const res = await lokiGet('/loki/api/v1/query', { direction: 'backward', limit: '10', query: 'vector(1)+vector(1)', time: String(BigInt(Date.now()) * 1_000_000n) });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { status: string; data: { resultType: string; result: { metric: object; value: Sample }[] } };
    expect(body.status).toBe('success');
    expect(body.data.resultType).toBe('vector');
    expect(body.data.result).toHaveLength(1);
    expect(body.data.result[0]!.metric).toEqual({});
    expect(body.data.result[0]!.value[1]).toBe('2');
  });

  it('answers a scalar instant query as resultType scalar', async () => {
    const res = await lokiGet('/loki/api/v1/query', { query: '2 * 3 + 1', time: '1700000000' });
    const body = (await res.json()) as { data: { resultType: string; result: Sample } };
    expect(body.data).toMatchObject({ resultType: 'scalar', result: [1700000000, '7'] });
  });

  it('returns the log-volume histogram in numeric time order (more than 10 steps)', async () => {
    const body = await range('sum by (level) (count_over_time({app="vol"} | drop __error__ [1m]))', 60_000, 'Source=logvolhist');
    expect(body.data.resultType).toBe('matrix');
    const info = body.data.result.find((s) => s.metric.level === 'info')!;
    expect(info.values).toHaveLength(STEPS);
    const times = info.values.map((v) => v[0]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Minute i holds i+1 lines.
    expect(info.values.map((v) => Number(v[1]))).toEqual(Array.from({ length: STEPS }, (_, i) => i + 1));
    const error = body.data.result.find((s) => s.metric.level === 'error')!;
    expect(error.values.map((v) => v[0])).toEqual(Array.from({ length: 10 }, (_, k) => Number((BASE_NS + BigInt(3 * k) * MIN_NS) / 1_000_000n) / 1000));
  });

  it('computes rate, bytes_over_time and bytes_rate per stream', async () => {
    const rate = await range('rate({app="vol", pod="p1"}[1m])');
    expect(rate.data.result).toHaveLength(1);
    expect(rate.data.result[0]!.values[11]![1]).toBe(String(12 / 60));
    const bytes = await range('sum(bytes_over_time({app="vol"} |= "info" [1m]))');
    expect(bytes.data.result[0]!.metric).toEqual({});
    expect(bytes.data.result[0]!.values[4]![1]).toBe('50');
    const bytesRate = await range('bytes_rate({app="vol", pod="p1"}[2m])');
    expect(bytesRate.data.result[0]!.values[4]![1]).toBe(String(((5 + 4) * 10) / 120));
  });

  it('aggregates with by, without, topk and binary operators', async () => {
    const without = await range('sum without (pod, level) (count_over_time({app="vol"}[1m]))');
    expect(without.data.result.map((s) => s.metric)).toEqual([{ app: 'vol' }]);
    expect(Number(without.data.result[0]!.values[3]![1])).toBe(4 + 1);
    // At minute 0 both pods have one line (a tie); from minute 1 on p1 has more.
    const top = await range('topk(1, count_over_time({app="vol"}[1m]))');
    const p1 = top.data.result.find((s) => s.metric.pod === 'p1')!;
    expect(p1.values.length).toBeGreaterThanOrEqual(STEPS - 1);
    expect(top.data.result.find((s) => s.metric.pod === 'p2')?.values.length ?? 0).toBeLessThanOrEqual(1);
    const ratio = await range('sum(count_over_time({app="vol", level="error"}[1m])) / sum(count_over_time({app="vol"}[1m])) * 100');
    expect(ratio.data.result[0]!.values[0]![1]).toBe('50');
    const filtered = await range('count_over_time({app="vol", pod="p1"}[1m]) > 28');
    expect(filtered.data.result[0]!.values.map((v) => v[1])).toEqual(['29', '30']);
  });

  it('unwraps logfmt durations in avg_over_time and quantile_over_time', async () => {
    const avg = await range('avg_over_time({app="vol", pod="p2"} | logfmt | unwrap duration(latency) | __error__="" [10m]) by (app)', 600_000);
    expect(avg.data.result.map((s) => s.metric)).toEqual([{ app: 'vol' }]);
    // At minute 20: errors at minutes 12, 15, 18 → 15ms.
    expect(Number(avg.data.result[0]!.values[2]![1])).toBeCloseTo(0.015, 9);
    const q = await range('quantile_over_time(0.5, {app="vol", pod="p2"} | logfmt | unwrap duration_seconds(latency) [10m]) by (app)', 600_000);
    expect(Number(q.data.result[0]!.values[2]![1])).toBeCloseTo(0.015, 9);
  });

  it('answers the index and detection endpoints Grafana and Logs Drilldown call', async () => {
    const window = { start: String(BASE_NS - MIN_NS), end: String(BASE_NS + BigInt(STEPS) * MIN_NS) };
    const info = (await (await lokiGet('/loki/api/v1/status/buildinfo', {})).json()) as { version: string };
    expect(info.version).toMatch(/^3\.\d+\.\d+$/);

    const errorBytes = Array.from({ length: 10 }, (_, k) => `level=error latency=${3 * k}ms`.length).reduce((a, b) => a + b, 0);
    const stats = (await (await lokiGet('/loki/api/v1/index/stats', { query: '{app="vol"}', ...window })).json()) as Record<string, number>;
    expect(stats).toEqual({ streams: 2, chunks: 2, entries: 465 + 10, bytes: 4650 + errorBytes });

    // Drilldown's service list: /index/volume?query=…&limit=5000&targetLabels=…&aggregateBy=series
    const volume = (await (await lokiGet('/loki/api/v1/index/volume', { query: '{app=~".+"}', ...window, limit: '5000', targetLabels: 'pod', aggregateBy: 'series' })).json()) as {
      data: { resultType: string; result: { metric: Record<string, string>; value: Sample }[] };
    };
    expect(volume.data.resultType).toBe('vector');
    expect(volume.data.result.map((r) => [r.metric, r.value[1]])).toEqual([
      [{ pod: 'p1' }, '4650'],
      [{ pod: 'p2' }, String(errorBytes)],
    ]);
    const byApp = (await (await lokiGet('/loki/api/v1/index/volume', { query: '{app="vol"}', ...window })).json()) as { data: { result: { metric: Record<string, string> }[] } };
    expect(byApp.data.result.map((r) => r.metric)).toEqual([{ app: 'vol' }]);

    const volumeRange = (await (
      await lokiGet('/loki/api/v1/index/volume_range', { query: '{app="vol"}', start: String(BASE_NS), end: String(BASE_NS + 20n * MIN_NS), step: '600s' })
    ).json()) as Matrix;
    expect(volumeRange.data.resultType).toBe('matrix');
    // Window (t-10m, t] at t = start+10m holds minutes 1..10 of p1 (2+…+11 lines) and errors at 3, 6, 9.
    const ten = volumeRange.data.result[0]!.values[1]!;
    expect(Number(ten[1])).toBe(65 * 10 + [3, 6, 9].map((i) => `level=error latency=${i}ms`.length).reduce((a, b) => a + b, 0));

    const labels = (await (await lokiGet('/loki/api/v1/detected_labels', { query: '{app="vol"}', ...window })).json()) as { detectedLabels: { label: string; cardinality: number }[] };
    expect(labels.detectedLabels).toEqual([
      { label: 'app', cardinality: 1 },
      { label: 'level', cardinality: 2 },
      { label: 'pod', cardinality: 2 },
    ]);

    const fields = (await (await lokiGet('/loki/api/v1/detected_fields', { query: '{app="vol", pod="p2"}', ...window, line_limit: '1000' })).json()) as {
      fields: { label: string; type: string; cardinality: number; parsers: string[] | null }[];
    };
    expect(fields.fields.find((f) => f.label === 'latency')).toEqual({ label: 'latency', type: 'duration', cardinality: 10, parsers: ['logfmt'] });
    expect(fields.fields.find((f) => f.label === 'level')).toMatchObject({ type: 'string', cardinality: 1 });

    const patterns = (await (await lokiGet('/loki/api/v1/patterns', { query: '{app="vol", pod="p2"}', start: String(BASE_NS), end: String(BASE_NS + 30n * MIN_NS), step: '600s' })).json()) as {
      status: string;
      data: { pattern: string; samples: [number, number][] }[];
    };
    const s0 = Number(BASE_NS / 1_000_000_000n);
    expect(patterns).toEqual({
      status: 'success',
      data: [
        {
          pattern: 'level=error latency=<_>',
          samples: [
            [s0, 3],
            [s0 + 600, 3],
            [s0 + 1200, 3],
          ],
        },
      ],
    });
  });

  it('applies pattern, regexp, line_format, label_format, drop and keep', async () => {
    const web = ['GET /api/users 200 15ms', 'POST /api/orders 500 120ms', 'GET /health 200 1ms'];
    const push = await app.fetch(`${app.url}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ streams: [{ stream: { app: 'web', pod: 'w1' }, values: web.map((line, i) => [String(BASE_NS + BigInt(i + 1) * 1_000_000_000n), line]) }] }),
    });
    expect(push.status).toBe(204);
    const window = { start: String(BASE_NS), end: String(BASE_NS + 10_000_000_000n), limit: '100', direction: 'forward' };
    const streams = async (query: string) => {
      const res = await lokiGet('/loki/api/v1/query_range', { query, ...window });
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as { data: { result: { stream: Record<string, string>; values: [string, string][] }[] } }).data.result;
    };
    const lines = (result: { values: [string, string][] }[]) => result.flatMap((r) => r.values.map((v) => v[1]));

    expect(lines(await streams('{app="web"} | pattern "<method> <path> <status> <_>" | status >= 500'))).toEqual(['POST /api/orders 500 120ms']);
    expect(lines(await streams('{app="web"} | regexp `(?P<method>\\w+) (?P<path>\\S+)` | line_format "{{.method}} -> {{.path}}" |= "-> /api"'))).toEqual(['GET -> /api/users', 'POST -> /api/orders']);
    const relabelled = await streams('{app="web"} | pattern "<method> <_>" | label_format verb=method | keep verb, app');
    expect(relabelled.map((r) => r.stream).sort((a, b) => a.verb!.localeCompare(b.verb!))).toEqual([
      { app: 'web', verb: 'GET' },
      { app: 'web', verb: 'POST' },
    ]);
    expect((await streams('{app="web"} | drop pod')).map((r) => r.stream)).toEqual([{ app: 'web' }]);

    const at = String(BASE_NS + 5_000_000_000n);
    const instant = async (query: string) => {
      const res = await lokiGet('/loki/api/v1/query', { query, time: at });
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as { data: { result: { metric: Record<string, string>; value: Sample }[] } }).data.result;
    };
    const byMethod = await instant('sum by (method) (count_over_time({app="web"} | regexp `(?P<method>\\w+) ` [1m]))');
    expect(byMethod.map((r) => [r.metric.method, r.value[1]])).toEqual([
      ['GET', '2'],
      ['POST', '1'],
    ]);
    const total = await instant('sum(sum_over_time({app="web"} | pattern "<_> <_> <_> <d>" | unwrap duration(d) [1m]))');
    expect(Number(total[0]!.value[1])).toBeCloseTo(0.136, 9);
  });

  it('refuses a metric query whose series × steps exceed the bound, and answers it aggregated', async () => {
    // 500 streams with one line each; a 3-hour range at 1 s steps has 10,801 points per series (5.4M cells).
    const streams = Array.from({ length: 500 }, (_, i) => ({ stream: { app: 'many', n: String(i) }, values: [[String(BASE_NS + 5n * MIN_NS), `line ${i}`]] }));
    const push = await app.fetch(`${app.url}/loki/api/v1/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ streams }) });
    expect(push.status).toBe(204);
    const params = { start: String(BASE_NS), end: String(BASE_NS + 180n * MIN_NS), step: '1s' };
    const perStream = await lokiGet('/loki/api/v1/query_range', { query: 'count_over_time({app="many"}[1m])', ...params });
    expect(perStream.status).toBe(400);
    expect(await perStream.text()).toMatch(/more than \d+ series at this step; aggregate with sum by/);
    const summed = await lokiGet('/loki/api/v1/query_range', { query: 'sum(count_over_time({app="many"}[1m]))', ...params });
    expect(summed.status).toBe(200);
    const series = ((await summed.json()) as Matrix).data.result;
    expect(series).toHaveLength(1);
    expect(series[0]!.values).toHaveLength(60);
    expect(series[0]!.values[0]![1]).toBe('500');
  });

  it('answers unsupported LogQL with a 400 naming the part', async () => {
    const res = await lokiGet('/loki/api/v1/query_range', { query: 'rate({app="vol"}[1m]) / on (pod) rate({app="vol"}[1m])' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('vector matching with \\"on\\" is not supported');
  });
});
