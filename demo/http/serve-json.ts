// A JSON HTTP service: each request runs inside a SERVER span whose parent (and baggage) are extracted from
// the incoming W3C headers. Handlers return {status, body}; 5xx and 4xx mark the span as an error.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { context, propagation, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { activeScenario } from '../scenarios/scenario';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export type Route = (body: Record<string, unknown>) => Promise<Reply>;

export interface JsonService {
  server: Server;
  /** Resolves once no request is being handled (or after `timeoutMs`). */
  idle(timeoutMs: number): Promise<void>;
}

export function serveJson(tracer: Tracer, logger: Logger, routes: Record<string, Route>): JsonService {
  // Handlers still running when the service is asked to stop (a slow payment, a deadlocked availability
  // check) must finish and end their spans before the exporter flushes, or the trace loses its evidence.
  let inFlight = 0;
  let onIdle: (() => void) | undefined;
  const server = createServer((req, res) => {
    inFlight++;
    const parent = propagation.extract(context.active(), req.headers);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = req.method === 'POST' ? routes[path] : undefined;
    context.with(parent, () => {
      tracer.startActiveSpan(
        `${req.method} ${route ? path : 'unknown'}`,
        {
          kind: SpanKind.SERVER,
          attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': path, 'http.route': path },
        },
        async (span) => {
          span.setAttribute('demo.scenario', activeScenario());
          let reply: Reply;
          try {
            reply = route ? await route(await readJson(req)) : { status: 404, body: { error: 'not found' } };
          } catch (error) {
            span.recordException(error as Error);
            logger.error({ err: (error as Error).message, path }, 'request failed');
            reply = { status: 500, body: { error: (error as Error).message } };
          }
          span.setAttribute('http.response.status_code', reply.status);
          if (reply.status >= 400) {
            const message = typeof reply.body.error === 'string' ? reply.body.error : `HTTP ${reply.status}`;
            span.setStatus({ code: SpanStatusCode.ERROR, message });
          }
          const { traceId } = span.spanContext();
          span.end();
          if (--inFlight === 0) onIdle?.();
          if (res.destroyed) return; // the caller timed out and hung up
          res.writeHead(reply.status, { 'content-type': 'application/json', 'x-trace-id': traceId });
          res.end(JSON.stringify(reply.body));
        },
      );
    });
  });
  return {
    server,
    idle(timeoutMs) {
      if (inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        onIdle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return {};
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

/** Resolves after `ms`; used by services to simulate work. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
