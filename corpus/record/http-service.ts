// A tiny node:http JSON service with a SERVER span per request, instrumented the way
// @opentelemetry/instrumentation-http does it, including the two habits the analysis engine must live with:
// - the span ends on the response's `close`, not when the reply was written; a handler's `cleanup` (releasing
//   a lock, flushing in `finally`) runs after the reply and before the span ends, so a callee's server span
//   may end a few milliseconds after its caller already has the answer;
// - a client that aborts closes the response early, and the span ends then, with no status, while the handler
//   (and any downstream call it is making) keeps running.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

export interface Reply {
  status: number;
  body?: unknown;
  /** Work done after the reply was written (still inside the request's span). */
  cleanup?: () => Promise<void>;
}

export type Handler = (body: Record<string, unknown>, request: IncomingMessage) => Promise<Reply>;

export interface HttpService {
  url: string;
  close(): Promise<void>;
}

export const traceContext = new W3CTraceContextPropagator();

export async function startHttpService(tracer: Tracer, routes: Record<string, Handler>): Promise<HttpService> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const parent = traceContext.extract(context.active(), req.headers, defaultGetter);
    const span = tracer.startSpan(`${req.method} ${path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '', 'url.path': path, 'http.route': path } }, parent);
    let handlerDone = false;
    let replied = false;
    let ended = false;
    const end = (): void => {
      if (!ended) {
        ended = true;
        span.end();
      }
    };
    res.on('close', () => {
      // Aborted before the reply: the instrumentation ends the span now; otherwise after the handler's cleanup.
      if (!replied || handlerDone) end();
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void context.with(trace.setSpan(parent, span), async () => {
        const handler = routes[path];
        let reply: Reply;
        try {
          const text = Buffer.concat(chunks).toString('utf8');
          reply = handler ? await handler(text ? (JSON.parse(text) as Record<string, unknown>) : {}, req) : { status: 404 };
        } catch (error) {
          span.recordException(error as Error);
          reply = { status: 500, body: { error: (error as Error).message } };
        }
        span.setAttribute('http.response.status_code', reply.status);
        if (reply.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        if (!res.destroyed) {
          replied = true;
          res.writeHead(reply.status, { 'content-type': 'application/json', 'x-trace-id': span.spanContext().traceId }).end(JSON.stringify(reply.body ?? {}));
        }
        try {
          await reply.cleanup?.();
        } finally {
          handlerDone = true;
          if (res.closed || res.destroyed) end();
        }
      });
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const defaultGetter = {
  keys: (carrier: IncomingMessage['headers']) => Object.keys(carrier),
  get: (carrier: IncomingMessage['headers'], key: string) => carrier[key],
};

export function injectHeaders(headers: Record<string, string>): Record<string, string> {
  traceContext.inject(context.active(), headers, { set: (c, k, v) => (c[k] = v) });
  return headers;
}
