// One simulated host's telemetry for the corpus recorder: a real OpenTelemetry SDK tracer provider per
// service, spans kept in memory (SimpleSpanProcessor → InMemorySpanExporter) so the recorder can write them
// out as an OTLP JSON export. A host with a wrong clock is SIMULATED with the demo's SkewSpanProcessor
// (every process on this machine shares one clock). The SDK's own timing quirks are left as they are:
// span starts come from Date.now() (whole milliseconds), durations from performance.now().
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Tracer } from '@opentelemetry/api';
import { SkewSpanProcessor } from '../../demo/telemetry/skew-span-processor';

let contextInstalled = false;

export interface ServiceTelemetry {
  service: string;
  tracer: Tracer;
  finished(): ReadableSpan[];
  reset(): void;
}

export function serviceTelemetry(service: string, host: string, skewMs = 0): ServiceTelemetry {
  if (!contextInstalled) {
    // One context manager for every provider in the process: tracers from different providers share the
    // active span, which is how a parent on one "host" becomes the parent of a call made from it.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    contextInstalled = true;
  }
  const exporter = new InMemorySpanExporter();
  const simple = new SimpleSpanProcessor(exporter);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'host.name': host, 'service.instance.id': `${service}@${host}` }),
    spanProcessors: [skewMs ? new SkewSpanProcessor(simple, skewMs) : simple],
  });
  return {
    service,
    tracer: provider.getTracer(`corpus-${service}`),
    finished: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
  };
}
