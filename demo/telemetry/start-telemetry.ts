// One service's telemetry: spans through the real OpenTelemetry SDK (BatchSpanProcessor → OTLP/protobuf to
// Tracehound's /v1/traces), W3C trace context + baggage propagation, and JSON logs through pino → pino-loki
// to /loki/api/v1/push carrying trace_id/span_id of the active span. `shutdown()` flushes both.
import { propagation, trace, type Tracer } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import pino, { type Logger } from 'pino';
import { pinoLoki } from 'pino-loki';
import { SkewSpanProcessor } from './skew-span-processor';

export interface TelemetryOptions {
  service: string;
  host: string;
  /** Tracehound base URL, e.g. http://127.0.0.1:3000. */
  target: string;
  /** Simulated clock offset of this host in ms (0 = honest clock). */
  skewMs?: number;
  /** Also print log lines to stdout. */
  logToStdout?: boolean;
}

export interface Telemetry {
  tracer: Tracer;
  logger: Logger;
  shutdown(): Promise<void>;
}

export function startTelemetry(options: TelemetryOptions): Telemetry {
  const exporter = new OTLPTraceExporter({ url: new URL('/v1/traces', options.target).toString() });
  // A short delay keeps the dashboard close to live; the demo's volume is small.
  const batch: SpanProcessor = new BatchSpanProcessor(exporter, { scheduledDelayMillis: 500, maxExportBatchSize: 512 });
  const processor = options.skewMs ? new SkewSpanProcessor(batch, options.skewMs) : batch;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': options.service,
      'host.name': options.host,
      'service.instance.id': `${options.service}@${options.host}`,
      'deployment.environment.name': 'tracehound-demo',
    }),
    spanProcessors: [processor],
  });
  // register() also installs the AsyncLocalStorage context manager the logger mixin relies on.
  provider.register({
    propagator: new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  });

  const loki = pinoLoki({
    host: options.target,
    batching: { interval: 0.5 },
    labels: { service_name: options.service, host: options.host, job: 'tracehound-demo' },
    // The demo must keep running while Tracehound restarts or before its log endpoint exists.
    silenceErrors: true,
  });
  const streams: pino.StreamEntry[] = [{ stream: loki }];
  if (options.logToStdout) streams.push({ stream: process.stdout });
  const logger = pino(
    {
      base: { service: options.service, host: options.host },
      // A host with a wrong clock writes wrong log timestamps too (simulated like its spans).
      timestamp: () => `,"time":${Date.now() + (options.skewMs ?? 0)}`,
      mixin() {
        const span = trace.getActiveSpan();
        if (!span) return {};
        const { traceId, spanId } = span.spanContext();
        return { trace_id: traceId, span_id: spanId };
      },
    },
    pino.multistream(streams),
  );

  return {
    tracer: trace.getTracer(`tracehound-demo/${options.service}`),
    logger,
    async shutdown() {
      await provider.shutdown();
      await new Promise<void>((resolve) => {
        loki.once('close', () => resolve());
        loki.end();
        setTimeout(resolve, 3_000).unref();
      });
      propagation.disable();
    },
  };
}
