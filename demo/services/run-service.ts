// Process entry shared by the four services: reads its settings from the environment, starts telemetry and
// the HTTP server on 127.0.0.1:PORT, prints `READY <port>` for the orchestrator, and on SIGTERM/SIGINT stops
// accepting requests and flushes spans and logs before exiting.
import type { Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { serveJson, type Route } from '../http/serve-json';
import { startTelemetry } from '../telemetry/start-telemetry';

const DRAIN_MS = 5_000;

export interface ServiceContext {
  tracer: Tracer;
  logger: Logger;
  /** Reads a required peer URL or setting from the environment. */
  env(name: string): string;
}

export function runService(service: string, buildRoutes: (ctx: ServiceContext) => Record<string, Route>): void {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${service}: environment variable ${name} is required`);
    return value;
  };
  const telemetry = startTelemetry({
    service,
    host: env('HOST_NAME'),
    target: env('TRACEHOUND_URL'),
    skewMs: Number(process.env.SKEW_MS ?? 0),
    logToStdout: process.env.DEMO_LOG_STDOUT === '1',
  });
  const { server, idle } = serveJson(telemetry.tracer, telemetry.logger, buildRoutes({ tracer: telemetry.tracer, logger: telemetry.logger, env }));
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    telemetry.logger.info({ port }, `${service} listening`);
    process.stdout.write(`READY ${port}\n`);
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    // Let running handlers end their spans (gateway's longest wait is a few seconds), then flush.
    void idle(DRAIN_MS)
      .then(() => {
        server.closeAllConnections();
        return telemetry.shutdown();
      })
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
