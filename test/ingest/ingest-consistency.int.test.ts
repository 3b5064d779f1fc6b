// Issue 20 item 10 over real HTTP: one time policy on every ingest path (items older than RETENTION_DAYS or
// more than 1 h ahead are refused and reported, the rest stored), and the ingest paths served with a
// trailing slash (what a sender configured with `.../v1/traces/` posts to) instead of redirected.
import pg from 'pg';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { hex, lokiJsonPush, nowNs, otlpJsonLogs, otlpJsonTrace, zipkinSpans } from '../support/ingest-bodies';
import { produceTrace } from './otlp-clients';

const DAY_NS = 86_400n * 1_000_000_000n;
let db: TestDatabase;
let app: AppServer;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('th_pro_consistency');
  app = await startAppServer({ DATABASE_URL: db.url, RETENTION_DAYS: '3' });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await app?.stop();
  await db?.drop();
});

async function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), redirect: 'manual' });
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await client.query<{ n: number }>(sql, params)).rows[0]!.n;
}

/** A span body with one span per start time, all in one trace. */
function traceWith(traceId: string, starts: bigint[]): unknown {
  const body = otlpJsonTrace({ traceId, service: 'retention' }) as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
  const template = body.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
  body.resourceSpans[0]!.scopeSpans[0]!.spans = starts.map((s) => ({ ...template, spanId: hex(8), startTimeUnixNano: String(s), endTimeUnixNano: String(s + 1_000_000n) }));
  return body;
}

describe('one retention policy on every ingest path', () => {
  it('OTLP traces: refuses spans older than RETENTION_DAYS or more than 1h ahead, in partialSuccess; stores the rest', async () => {
    const traceId = hex(16);
    const now = nowNs();
    const res = await postJson('/v1/traces', traceWith(traceId, [now - 1_000_000_000n, now - 4n * DAY_NS, now + 2n * 3_600n * 1_000_000_000n]));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      partialSuccess: { rejectedSpans: '2', errorMessage: '2 rejected: older than the retention period (1), more than 1h in the future (1)' },
    });
    expect(await count(`SELECT count(*)::int AS n FROM spans WHERE trace_id = decode($1, 'hex')`, [traceId])).toBe(1);
  });

  it('OTLP logs: the same rule, counted in rejectedLogRecords', async () => {
    const res = await postJson('/v1/logs', otlpJsonLogs({ timeUnixNano: String(nowNs() - 5n * DAY_NS), body: { stringValue: 'ancient' } }, 'retention-logs'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ partialSuccess: { rejectedLogRecords: '1', errorMessage: '1 rejected: older than the retention period (1)' } });
    expect(await count(`SELECT count(*)::int AS n FROM logs WHERE line = 'ancient'`, [])).toBe(0);
  });

  it('Zipkin: the same rule, counted in the answer', async () => {
    const old = zipkinSpans({ timestamp: Date.now() * 1000 - 4 * 86_400_000_000, localEndpoint: { serviceName: 'zipkin-old' } });
    const fresh = zipkinSpans({ localEndpoint: { serviceName: 'zipkin-old' } });
    const res = await postJson('/api/v2/spans', [...old, ...fresh]);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1, rejected: 1, errorMessage: '1 rejected: older than the retention period (1)' });
  });

  it('Loki push: stores the entries inside the window and answers 400 naming the others', async () => {
    const push = lokiJsonPush({ app: 'retention-loki' }, 'fresh') as { streams: { values: string[][] }[] };
    push.streams[0]!.values.push([String(nowNs() - 4n * DAY_NS), 'too old']);
    const res = await postJson('/loki/api/v1/push', push);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(
      /^1 rejected: older than the retention period \(1\); first: streams\[0\] entry 1: timestamp \d+ \(oldest accepted \d+\)\. The other entries were stored\.$/,
    );
    const { rows } = await client.query(`SELECT line FROM logs l JOIN log_streams s USING (tenant, stream_id) WHERE s.labels->>'app' = 'retention-loki'`);
    expect(rows.map((r) => r.line)).toEqual(['fresh']);
  });
});

describe('ingest paths with a trailing slash', () => {
  it('are served, not redirected (a real exporter configured with /v1/traces/)', async () => {
    const produced = produceTrace('slash-svc');
    const exporter = new OTLPTraceExporter({ url: `${app.url}/v1/traces/` });
    const result = await new Promise<ExportResult>((resolve) => exporter.export(produced.spans, resolve));
    await exporter.shutdown();
    expect(result.code, String(result.error)).toBe(ExportResultCode.SUCCESS);
    expect(await count(`SELECT count(*)::int AS n FROM spans WHERE trace_id = decode($1, 'hex')`, [produced.traceId])).toBe(2);
  });

  it('answer like the paths without the slash on every ingest route', async () => {
    expect((await postJson('/v1/logs/', otlpJsonLogs({ body: { stringValue: 'slash log' } }))).status).toBe(200);
    expect((await postJson('/v1/metrics/', { resourceMetrics: [] })).status).toBe(200);
    expect((await postJson('/api/v2/spans/', zipkinSpans())).status).toBe(202);
    expect((await postJson('/loki/api/v1/push/', lokiJsonPush({ app: 'slash' }))).status).toBe(204);
    expect(await count(`SELECT count(*)::int AS n FROM logs WHERE line IN ('slash log', 'hello')`, [])).toBe(2);
  });

  it('other paths are still redirected to the path without the slash', async () => {
    for (const path of ['/traces/', '/api/health/', '/logs/']) {
      const res = await fetch(`${app.url}${path}?x=1`, { redirect: 'manual' });
      expect({ path, status: res.status }).toEqual({ path, status: 308 });
      expect(new URL(res.headers.get('location')!, app.url).pathname + new URL(res.headers.get('location')!, app.url).search).toBe(`${path.slice(0, -1)}?x=1`);
    }
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });
});

describe('conflicting duplicate spans', () => {
  it('keep the stored span and are reported in partialSuccess; an identical re-delivery is not', async () => {
    const body = otlpJsonTrace({ service: 'dup-svc' }) as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
    const span = body.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(await (await postJson('/v1/traces', body)).json()).toEqual({});
    // The same span again: harmless re-delivery, nothing to report.
    expect(await (await postJson('/v1/traces', body)).json()).toEqual({});
    // Same ids and start, other content.
    span.name = 'renamed';
    const res = await postJson('/v1/traces', body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      partialSuccess: { rejectedSpans: '1', errorMessage: '1 rejected: span id already stored with other content, the stored span kept (1)' },
    });
    const { rows } = await client.query(`SELECT name FROM spans WHERE trace_id = decode($1, 'hex')`, [span.traceId]);
    expect(rows).toEqual([{ name: 'op' }]);
    // Zipkin reports it in its answer too.
    const zipkin = zipkinSpans({ localEndpoint: { serviceName: 'dup-z' } });
    expect((await postJson('/api/v2/spans', zipkin)).status).toBe(202);
    (zipkin[0] as Record<string, unknown>).name = 'other';
    expect(await (await postJson('/api/v2/spans', zipkin)).json()).toEqual({
      accepted: 0,
      rejected: 1,
      errorMessage: '1 rejected: span id already stored with other content, the stored span kept (1)',
    });
  });
});
