// OTLP metrics over real HTTP and gRPC against the built app on real Postgres (issue 20, item 4). The metrics
// are made by @opentelemetry/sdk-metrics and sent by the official exporters (exporter-metrics-otlp-http: JSON;
// exporter-metrics-otlp-grpc: protobuf), then read back through GET /api/metrics and compared field by field
// with what the SDK collected. Summaries and exemplars (which the JS SDK does not produce) are sent as raw
// OTLP requests in both encodings.
import { Metadata } from '@grpc/grpc-js';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPMetricExporter as OTLPMetricExporterGrpc } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPMetricExporter as OTLPMetricExporterHttp } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationType, DataPointType, MeterProvider, MetricReader, type CollectionResult, type ExponentialHistogram, type Histogram, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpProto } from '@/lib/domain/otlp/otlp-proto-schema';
import { freePort, startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const TOKEN = 'metrics-sekret';

let db: TestDatabase;
let app: AppServer;
let grpcUrl: string;

beforeAll(async () => {
  db = await createTestDatabase('th_ingest_metrics');
  const grpcPort = await freePort();
  grpcUrl = `http://127.0.0.1:${grpcPort}`;
  app = await startAppServer({ DATABASE_URL: db.url, INGEST_TOKENS: TOKEN, OTLP_GRPC_PORT: String(grpcPort) });
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

class ManualReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** Counters, an up-down counter, a gauge, an explicit and an exponential histogram, collected once. */
async function produceMetrics(service: string): Promise<ResourceMetrics> {
  const reader = new ManualReader();
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'host.name': 'node-3' }),
    readers: [reader],
    views: [{ instrumentName: 'payload.size', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
  });
  const meter = provider.getMeter('metrics-test-scope', '1.2.3');
  const orders = meter.createCounter('orders.placed', { description: 'Orders placed', unit: '{order}' });
  orders.add(3, { route: '/a' });
  orders.add(2, { route: '/b' });
  meter.createUpDownCounter('queue.depth').add(-4, { queue: 'q1' });
  meter.createGauge('cpu.temp', { unit: 'Cel' }).record(71.5, { core: '0' });
  const duration = meter.createHistogram('http.duration', { unit: 'ms' });
  for (const v of [5, 50, 500]) duration.record(v, { method: 'GET' });
  const size = meter.createHistogram('payload.size', { unit: 'By' });
  for (const v of [1, 2, 1024]) size.record(v);
  const { resourceMetrics, errors }: CollectionResult = await reader.collect();
  expect(errors).toEqual([]);
  await provider.shutdown();
  return resourceMetrics;
}

function exportWith(exporter: { export(m: ResourceMetrics, cb: (r: ExportResult) => void): void; shutdown(): Promise<void> }, metrics: ResourceMetrics): Promise<ExportResult> {
  return new Promise<ExportResult>((resolve) => exporter.export(metrics, resolve)).finally(() => exporter.shutdown());
}

const ns = ([sec, nanos]: [number, number]): string => (BigInt(sec) * 1_000_000_000n + BigInt(nanos)).toString();

interface SeriesPoint {
  timeUnixNano: string;
  startTimeUnixNano: string;
  value: number | null;
  data: Record<string, unknown> | null;
  exemplars: { traceId: string; spanId: string; value: number; timeUnixNano: string; attributes: Record<string, unknown> }[];
}
interface Series {
  service: string;
  kind: string;
  unit: string;
  temporality: number;
  monotonic: boolean;
  attributes: Record<string, unknown>;
  points: SeriesPoint[];
}

async function seriesOf(name: string, tenant: string, service?: string): Promise<Series[]> {
  const query = new URLSearchParams({ name, ...(service ? { service } : {}) });
  const res = await app.fetch(`${app.url}/api/metrics?${query}`, { headers: { 'X-Scope-OrgID': tenant } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { series: Series[] }).series;
}

const KIND: Record<number, string> = {
  [DataPointType.SUM]: 'sum',
  [DataPointType.GAUGE]: 'gauge',
  [DataPointType.HISTOGRAM]: 'histogram',
  [DataPointType.EXPONENTIAL_HISTOGRAM]: 'exponential_histogram',
};

/** Every metric and data point the SDK collected is stored with the same fields. */
async function expectStoredAsCollected(collected: ResourceMetrics, tenant: string, service: string): Promise<void> {
  const metrics = collected.scopeMetrics.flatMap((s) => s.metrics);
  expect(metrics.map((m) => m.descriptor.name).sort()).toEqual(['cpu.temp', 'http.duration', 'orders.placed', 'payload.size', 'queue.depth']);
  const list = await app.fetch(`${app.url}/api/metrics?service=${service}`, { headers: { 'X-Scope-OrgID': tenant } });
  const listed = ((await list.json()) as { metrics: { name: string; kind: string; unit: string; description: string; services: string[] }[] }).metrics;
  expect(listed.map((m) => m.name)).toEqual(['cpu.temp', 'http.duration', 'orders.placed', 'payload.size', 'queue.depth']);
  expect(listed.find((m) => m.name === 'orders.placed')).toMatchObject({ kind: 'sum', unit: '{order}', description: 'Orders placed', services: [service] });
  for (const metric of metrics) {
    const stored = await seriesOf(metric.descriptor.name, tenant, service);
    expect(stored, metric.descriptor.name).toHaveLength(metric.dataPoints.length);
    for (const point of metric.dataPoints) {
      const attributes = Object.fromEntries(Object.entries(point.attributes).map(([k, v]) => [k, { stringValue: v }]));
      const series = stored.find((s) => JSON.stringify(s.attributes) === JSON.stringify(attributes));
      expect(series, `${metric.descriptor.name} ${JSON.stringify(attributes)}`).toBeDefined();
      expect(series!.kind).toBe(KIND[metric.dataPointType]);
      expect(series!.unit).toBe(metric.descriptor.unit);
      expect(series!.service).toBe(service);
      expect(series!.points).toHaveLength(1);
      const got = series!.points[0]!;
      expect(got.timeUnixNano).toBe(ns(point.endTime));
      expect(got.startTimeUnixNano).toBe(ns(point.startTime));
      if (metric.dataPointType === DataPointType.SUM) {
        expect(series!.monotonic).toBe(metric.isMonotonic);
        expect(series!.temporality).toBe(2); // cumulative, the SDK's default
        expect(got.value).toBe(point.value);
      } else if (metric.dataPointType === DataPointType.GAUGE) {
        expect(got.value).toBe(point.value);
      } else if (metric.dataPointType === DataPointType.HISTOGRAM) {
        const h = point.value as Histogram;
        expect(got.data).toEqual({ count: h.count, sum: h.sum, min: h.min, max: h.max, explicitBounds: h.buckets.boundaries, bucketCounts: h.buckets.counts });
      } else {
        const e = point.value as ExponentialHistogram;
        expect(got.data).toEqual({
          count: e.count,
          sum: e.sum,
          min: e.min,
          max: e.max,
          scale: e.scale,
          zeroCount: e.zeroCount,
          zeroThreshold: 0,
          positive: { offset: e.positive.offset, bucketCounts: e.positive.bucketCounts },
          negative: { offset: e.negative.offset, bucketCounts: e.negative.bucketCounts },
        });
      }
    }
  }
}

describe('OTLP metrics from the real exporters', () => {
  it('stores what exporter-metrics-otlp-http (JSON) sends, every field', async () => {
    const collected = await produceMetrics('shop-http');
    const result = await exportWith(new OTLPMetricExporterHttp({ url: `${app.url}/v1/metrics`, headers: { Authorization: `Bearer ${TOKEN}`, 'X-Scope-OrgID': 'team-m' } }), collected);
    expect(result.code, String(result.error)).toBe(ExportResultCode.SUCCESS);
    await expectStoredAsCollected(collected, 'team-m', 'shop-http');
    // other tenants see nothing
    const other = await app.fetch(`${app.url}/api/metrics`);
    expect(((await other.json()) as { metrics: unknown[] }).metrics).toEqual([]);
  });

  it('stores what exporter-metrics-otlp-grpc (protobuf) sends, every field, once when re-sent', async () => {
    const collected = await produceMetrics('shop-grpc');
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${TOKEN}`);
    const send = () => exportWith(new OTLPMetricExporterGrpc({ url: grpcUrl, metadata, compression: 'gzip' as never }), collected);
    expect((await send()).code).toBe(ExportResultCode.SUCCESS);
    await expectStoredAsCollected(collected, 'default', 'shop-grpc');
    expect((await send()).code).toBe(ExportResultCode.SUCCESS);
    await expectStoredAsCollected(collected, 'default', 'shop-grpc');
  });

  it('a wrong token fails the gRPC export and stores nothing', async () => {
    const metadata = new Metadata();
    metadata.set('authorization', 'Bearer wrong');
    const result = await exportWith(new OTLPMetricExporterGrpc({ url: grpcUrl, metadata }), await produceMetrics('shop-denied'));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect((result.error as { code?: number }).code).toBe(16); // UNAUTHENTICATED
    const res = await app.fetch(`${app.url}/api/metrics?service=shop-denied`);
    expect(((await res.json()) as { metrics: unknown[] }).metrics).toEqual([]);
  });
});

describe('summaries, exemplars and rejections', () => {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const traceHex = '0af7651916cd43dd8448eb211c80319c';
  const spanHex = 'b7ad6b7169203331';
  const request = (service: string, ids: (hex: string) => string | Uint8Array, int64: (n: bigint) => string | bigint) => ({
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'rpc.latency',
                unit: 's',
                summary: {
                  dataPoints: [
                    {
                      timeUnixNano: int64(nowNs),
                      startTimeUnixNano: int64(nowNs - 10n),
                      count: int64(4n),
                      sum: 2.5,
                      quantileValues: [
                        { quantile: 0.5, value: 0.4 },
                        { quantile: 0.99, value: 1.2 },
                      ],
                    },
                  ],
                },
              },
              {
                name: 'jobs.done',
                sum: {
                  aggregationTemporality: 1,
                  isMonotonic: true,
                  dataPoints: [
                    {
                      timeUnixNano: int64(nowNs),
                      asInt: int64(7n),
                      attributes: [{ key: 'queue', value: { stringValue: 'q' } }],
                      exemplars: [
                        { timeUnixNano: int64(nowNs - 5n), asDouble: 1.5, traceId: ids(traceHex), spanId: ids(spanHex), filteredAttributes: [{ key: 'user', value: { stringValue: 'u1' } }] },
                      ],
                    },
                    { asInt: int64(1n) }, // no time: rejected
                  ],
                },
              },
            ],
          },
        ],
      },
    ],
  });

  async function expectSummaryAndExemplar(service: string): Promise<void> {
    const [summary] = await seriesOf('rpc.latency', 'default', service);
    expect(summary!.kind).toBe('summary');
    expect(summary!.points[0]).toMatchObject({
      timeUnixNano: nowNs.toString(),
      startTimeUnixNano: (nowNs - 10n).toString(),
      value: null,
      data: {
        count: 4,
        sum: 2.5,
        quantileValues: [
          { quantile: 0.5, value: 0.4 },
          { quantile: 0.99, value: 1.2 },
        ],
      },
    });
    const jobs = await seriesOf('jobs.done', 'default', service);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'sum', temporality: 1, monotonic: true, attributes: { queue: { stringValue: 'q' } } });
    expect(jobs[0]!.points).toEqual([
      {
        timeUnixNano: nowNs.toString(),
        startTimeUnixNano: '0',
        value: 7,
        data: null,
        exemplars: [{ timeUnixNano: (nowNs - 5n).toString(), value: 1.5, traceId: traceHex, spanId: spanHex, attributes: { user: { stringValue: 'u1' } } }],
      },
    ]);
  }

  it('OTLP JSON: summary and exemplar stored, the point without a time reported in partialSuccess', async () => {
    const body = JSON.stringify(
      request(
        'json-svc',
        (h) => h,
        (n) => n.toString(),
      ),
    );
    const res = await fetch(`${app.url}/v1/metrics`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ partialSuccess: { rejectedDataPoints: '1', errorMessage: '1 rejected: missing or invalid time (1)' } });
    await expectSummaryAndExemplar('json-svc');
  });

  it('OTLP protobuf: the same, with byte ids and a protobuf partialSuccess', async () => {
    const message = OtlpProto.ExportMetricsServiceRequest.fromObject(
      request(
        'proto-svc',
        (h) => Buffer.from(h, 'hex'),
        (n) => n.toString(),
      ),
    );
    const res = await fetch(`${app.url}/v1/metrics`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-protobuf', Authorization: `Bearer ${TOKEN}` },
      body: new Uint8Array(OtlpProto.ExportMetricsServiceRequest.encode(message).finish()),
    });
    expect(res.status).toBe(200);
    const decoded = OtlpProto.ExportMetricsServiceResponse.toObject(OtlpProto.ExportMetricsServiceResponse.decode(new Uint8Array(await res.arrayBuffer())), { longs: Number });
    expect(decoded).toEqual({ partialSuccess: { rejectedDataPoints: 1, errorMessage: '1 rejected: missing or invalid time (1)' } });
    await expectSummaryAndExemplar('proto-svc');
  });

  it('bad input: 400 naming the problem, 401 without a token, 415 for other types; nothing stored', async () => {
    const post = (body: string, headers: Record<string, string>) => fetch(`${app.url}/v1/metrics`, { method: 'POST', headers, body });
    const json = { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` };
    const notJson = await post('{oops', json);
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toMatch(/Invalid OTLP JSON/);
    const wrongShape = await post(JSON.stringify({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'x', gauge: { dataPoints: 'no' } }] }] }] }), json);
    expect(wrongShape.status).toBe(400);
    expect((await wrongShape.json()).error.message).toMatch(/resourceMetrics\[0\]\.scopeMetrics\[0\]\.metrics\[0\]\.gauge\.dataPoints: expected an array/);
    expect((await post('{}', { 'Content-Type': 'application/json' })).status).toBe(401);
    expect((await post('{}', { 'Content-Type': 'text/plain', Authorization: `Bearer ${TOKEN}` })).status).toBe(415);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM metric_points WHERE metric_name = 'x'`);
      expect(rows[0]!.n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
