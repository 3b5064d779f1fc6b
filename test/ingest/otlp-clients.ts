// Real OpenTelemetry SDK clients for the ingest tests: spans and logs are produced by the SDK and sent by the
// official OTLP exporters (protobuf and JSON over HTTP, and over gRPC), exactly as an instrumented service would.
import { context, trace, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { Metadata } from '@grpc/grpc-js';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as OTLPLogExporterGrpc } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPTraceExporter as OTLPTraceExporterGrpc } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as OTLPTraceExporterHttp } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPTraceExporterProto } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

export interface ProducedTrace {
  spans: ReadableSpan[];
  traceId: string;
  root: Span;
  child: Span;
  /** Unix seconds of the root span's start; its nanos part is 123456789. */
  baseSec: number;
}

/** A two-span trace with attributes of every SDK type, an event, a link, an error status, a resource and a scope. */
export function produceTrace(service: string): ProducedTrace {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'host.name': 'node-7', 'service.version': '2.0.1' }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('ingest-test-scope', '0.9.1');
  const baseSec = Math.floor(Date.now() / 1000) - 120;
  const other = trace.wrapSpanContext({ traceId: 'f'.repeat(32), spanId: 'e'.repeat(16), traceFlags: 1 }).spanContext();
  const root = tracer.startSpan('POST /orders', { kind: SpanKind.SERVER, startTime: [baseSec, 123_456_789] });
  root.setAttributes({
    str: 'hello',
    int: 9_007_199_254_740_991,
    neg: -42,
    dbl: 3.25,
    bool: false,
    strs: ['a', 'b'],
    ints: [1, 2, 3],
    dbls: [0.5, 1.5],
    bools: [true, false],
  });
  root.addEvent('order.validated', { items: 3 }, [baseSec, 200_000_001]);
  const child = tracer.startSpan(
    'INSERT orders',
    { kind: SpanKind.CLIENT, startTime: [baseSec, 300_000_007], links: [{ context: other, attributes: { 'link.kind': 'follows' } }] },
    trace.setSpan(context.active(), root),
  );
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'duplicate key' });
  child.end([baseSec, 900_000_009]);
  root.end([baseSec + 1, 5]);
  return { spans: memory.getFinishedSpans(), traceId: root.spanContext().traceId, root, child, baseSec };
}

function exportWith(exporter: { export(items: never[], cb: (r: ExportResult) => void): void; shutdown(): Promise<void> }, items: unknown[]): Promise<ExportResult> {
  return new Promise<ExportResult>((resolve) => exporter.export(items as never[], resolve)).finally(() => exporter.shutdown());
}

export function exportSpansProto(url: string, spans: ReadableSpan[], headers: Record<string, string>, gzip = false): Promise<ExportResult> {
  return exportWith(new OTLPTraceExporterProto({ url: `${url}/v1/traces`, headers, compression: gzip ? ('gzip' as never) : ('none' as never) }), spans);
}

export function exportSpansJson(url: string, spans: ReadableSpan[], headers: Record<string, string>): Promise<ExportResult> {
  return exportWith(new OTLPTraceExporterHttp({ url: `${url}/v1/traces`, headers }), spans);
}

export async function produceLogs(traceId: string, spanId: string, baseSec: number): Promise<ReadableLogRecord[]> {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'billing', 'deployment.environment': 'prod' }),
    processors: [new SimpleLogRecordProcessor({ exporter: memory })],
  });
  const ctx = trace.setSpan(context.active(), trace.wrapSpanContext({ traceId, spanId, traceFlags: 1 }));
  const logger = provider.getLogger('billing-logger', '1.0.0');
  logger.emit({ timestamp: [baseSec, 111_111_111], severityNumber: SeverityNumber.ERROR, severityText: 'ERROR', body: 'card declined', attributes: { 'order.id': 'o-1', attempt: 2 }, context: ctx });
  logger.emit({ timestamp: [baseSec, 222_222_222], severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: 'no trace here' });
  await provider.forceFlush();
  await new Promise((r) => setTimeout(r, 20));
  return memory.getFinishedLogRecords();
}

export function exportLogsJson(url: string, logs: ReadableLogRecord[], headers: Record<string, string>): Promise<ExportResult> {
  return exportWith(new OTLPLogExporter({ url: `${url}/v1/logs`, headers }), logs);
}

export { ExportResultCode };

function metadataOf(headers: Record<string, string>): Metadata {
  const metadata = new Metadata();
  for (const [name, value] of Object.entries(headers)) metadata.set(name.toLowerCase(), value);
  return metadata;
}

/** exporter-trace-otlp-grpc against `grpcUrl` (http://host:port), gzip-compressed. */
export function exportSpansGrpc(grpcUrl: string, spans: ReadableSpan[], headers: Record<string, string>): Promise<ExportResult> {
  return exportWith(new OTLPTraceExporterGrpc({ url: grpcUrl, metadata: metadataOf(headers), compression: 'gzip' as never }), spans);
}

export function exportLogsGrpc(grpcUrl: string, logs: ReadableLogRecord[], headers: Record<string, string>): Promise<ExportResult> {
  return exportWith(new OTLPLogExporterGrpc({ url: grpcUrl, metadata: metadataOf(headers) }), logs);
}
