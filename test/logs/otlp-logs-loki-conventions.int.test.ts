// Issue 20 item 8 over real HTTP: OTLP logs sent by the OpenTelemetry SDK's own exporter are stored as Loki
// stores them — only the standard resource attributes become stream labels (a restart with a new process.pid
// keeps the stream), the rest is structured metadata that LogQL label filters find, map bodies keep their
// types, and a record with only a severityNumber has a level.
import pg from 'pg';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let app: AppServer;
let client: pg.Client;
const baseSec = Math.floor(Date.now() / 1000) - 120;

async function sendLogs(pid: number, emit: (logger: ReturnType<LoggerProvider['getLogger']>) => void): Promise<void> {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'checkout', 'k8s.pod.name': 'checkout-1', 'process.pid': pid, 'host.name': 'node-3' }),
    processors: [new SimpleLogRecordProcessor({ exporter: memory })],
  });
  emit(provider.getLogger('checkout-logger', '3.1.0'));
  await provider.forceFlush();
  const records: ReadableLogRecord[] = memory.getFinishedLogRecords();
  const exporter = new OTLPLogExporter({ url: `${app.url}/v1/logs` });
  const result = await new Promise<ExportResult>((resolve) => exporter.export(records, resolve));
  await exporter.shutdown();
  expect(result.code, String(result.error)).toBe(ExportResultCode.SUCCESS);
}

async function lokiLines(query: string): Promise<{ stream: Record<string, string>; values: [string, string][] }[]> {
  const params = new URLSearchParams({ query, start: String((baseSec - 60) * 1e9), end: String((baseSec + 60) * 1e9), limit: '100' });
  const res = await app.fetch(`${app.url}/loki/api/v1/query_range?${params}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { data: { result: { stream: Record<string, string>; values: [string, string][] }[] } }).data.result;
}

beforeAll(async () => {
  db = await createTestDatabase('th_pro_otlp_logs');
  app = await startAppServer({ DATABASE_URL: db.url });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await sendLogs(111, (logger) => {
    logger.emit({ timestamp: [baseSec, 1], severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: 'started', attributes: { 'http.route': '/pay' } });
    // A map body: numbers and nesting must survive.
    logger.emit({ timestamp: [baseSec, 2], severityNumber: SeverityNumber.INFO, body: { msg: 'paid', amount: 12.5, items: 3, user: { id: 42, vip: true } } });
    // Only a severity number (no text): Loki gives it a level.
    logger.emit({ timestamp: [baseSec, 3], severityNumber: SeverityNumber.ERROR, body: 'card declined' });
  });
  // The same service after a restart: a new process.pid.
  await sendLogs(222, (logger) => logger.emit({ timestamp: [baseSec, 4], severityNumber: SeverityNumber.WARN, severityText: 'WARN', body: 'restarted' }));
});

afterAll(async () => {
  await client?.end();
  await app?.stop();
  await db?.drop();
});

describe('OTLP logs follow Loki conventions', () => {
  it('promotes only the standard resource attributes: one stream across restarts, the rest in metadata', async () => {
    const { rows: streams } = await client.query(`SELECT labels FROM log_streams WHERE labels->>'service_name' = 'checkout'`);
    expect(streams.map((s) => s.labels)).toEqual([{ service_name: 'checkout', k8s_pod_name: 'checkout-1' }]);
    const { rows } = await client.query(`SELECT line, metadata FROM logs ORDER BY time_unix_nano`);
    expect(rows).toHaveLength(4);
    expect(rows[0].metadata).toMatchObject({ process_pid: '111', host_name: 'node-3', http_route: '/pay', scope_name: 'checkout-logger', scope_version: '3.1.0' });
    expect(rows[3].metadata).toMatchObject({ process_pid: '222' });
  });

  it('finds metadata with LogQL label filters after |, as Loki does', async () => {
    const restarted = await lokiLines('{service_name="checkout"} | process_pid="222"');
    expect(restarted.flatMap((s) => s.values.map((v) => v[1]))).toEqual(['restarted']);
    const pay = await lokiLines('{service_name="checkout"} | http_route="/pay" | host_name=~"node-.*"');
    expect(pay.flatMap((s) => s.values.map((v) => v[1]))).toEqual(['started']);
    expect(await lokiLines('{process_pid="222"}')).toEqual([]);
  });

  it("keeps a map body's types (numbers stay numbers, nested maps stay nested)", async () => {
    const paid = await lokiLines('{service_name="checkout"} | json | amount > 10 | items = 3 | msg = "paid"');
    const lines = paid.flatMap((s) => s.values.map((v) => v[1]));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ msg: 'paid', amount: 12.5, items: 3, user: { id: 42, vip: true } });
  });

  it('gives a record with only severityNumber its level', async () => {
    const errors = await lokiLines('{service_name="checkout"} | level="error"');
    expect(errors.flatMap((s) => s.values.map((v) => v[1]))).toEqual(['card declined']);
    const res = await app.fetch(`${app.url}/api/logs/query?query=${encodeURIComponent('{service_name="checkout"} |= "declined"')}&start=${(baseSec - 60) * 1e9}&end=${(baseSec + 60) * 1e9}`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('"severityText":"error"');
  });
});
