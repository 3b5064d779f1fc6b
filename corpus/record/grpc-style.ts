// gRPC-style unary calls over node:http2, recorded as gRPC instrumentations do: spans named
// `package.Service/Method`, rpc.system = grpc, rpc.service, rpc.method, and the outcome in
// rpc.grpc.status_code (0 OK, 1 CANCELLED, 4 DEADLINE_EXCEEDED, 14 UNAVAILABLE). The caller's deadline
// travels in `grpc-timeout`; when it passes, the caller cancels the stream and records DEADLINE_EXCEEDED
// (no exception event, as grpc-js does); the server span then ends as CANCELLED while its handler runs on.
import { connect, constants, createServer, type ClientHttp2Session, type Http2Server } from 'node:http2';
import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { injectHeaders, traceContext } from './http-service';

export const GRPC_OK = 0;
export const GRPC_CANCELLED = 1;
export const GRPC_DEADLINE_EXCEEDED = 4;
export const GRPC_UNAVAILABLE = 14;

export type GrpcHandler = (request: Record<string, unknown>) => Promise<{ code: number; reply?: unknown }>;

export interface GrpcService {
  url: string;
  close(): Promise<void>;
}

function rpcAttributes(path: string): Record<string, string> {
  const [service = '', method = ''] = path.replace(/^\//, '').split('/');
  return { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': method };
}

export async function startGrpcService(tracer: Tracer, methods: Record<string, GrpcHandler>): Promise<GrpcService> {
  const server: Http2Server = createServer();
  server.on('stream', (stream, headers) => {
    const path = String(headers[':path'] ?? '');
    const parent = traceContext.extract(context.active(), headers, { keys: (c) => Object.keys(c), get: (c, k) => c[k] as string | undefined });
    const span = tracer.startSpan(path.replace(/^\//, ''), { kind: SpanKind.SERVER, attributes: rpcAttributes(path) }, parent);
    let ended = false;
    stream.on('close', () => {
      if (ended) return;
      // The caller cancelled (deadline): the instrumentation ends the span now, the handler keeps going.
      ended = true;
      span.setAttribute('rpc.grpc.status_code', GRPC_CANCELLED);
      span.end();
    });
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      void context.with(trace.setSpan(parent, span), async () => {
        const handler = methods[path];
        const { code, reply } = handler ? await handler(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>) : { code: 12, reply: undefined };
        if (ended || stream.destroyed) return;
        ended = true;
        span.setAttribute('rpc.grpc.status_code', code);
        if (code !== GRPC_OK) span.setStatus({ code: SpanStatusCode.ERROR });
        stream.respond({ ':status': 200, 'content-type': 'application/grpc+json' }, { waitForTrailers: true });
        stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(code) }));
        stream.end(JSON.stringify(reply ?? {}));
        span.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const sessions = new Map<string, ClientHttp2Session>();

export function closeGrpcSessions(): void {
  for (const s of sessions.values()) s.close();
  sessions.clear();
}

/** One unary call; resolves with the status code (DEADLINE_EXCEEDED when the deadline passed first). */
export function callGrpc(tracer: Tracer, url: string, path: string, request: unknown, deadlineMs: number): Promise<number> {
  let session = sessions.get(url);
  if (!session || session.closed || session.destroyed) sessions.set(url, (session = connect(url)));
  const client = session;
  const span = tracer.startSpan(path.replace(/^\//, ''), {
    kind: SpanKind.CLIENT,
    attributes: { ...rpcAttributes(path), 'server.address': new URL(url).hostname, 'server.port': Number(new URL(url).port) },
  });
  return context.with(
    trace.setSpan(context.active(), span),
    () =>
      new Promise<number>((resolve) => {
        const stream = client.request(injectHeaders({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc+json', 'grpc-timeout': `${deadlineMs}m` }));
        let done = false;
        const finish = (code: number): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          span.setAttribute('rpc.grpc.status_code', code);
          if (code !== GRPC_OK) span.setStatus({ code: SpanStatusCode.ERROR, message: code === GRPC_DEADLINE_EXCEEDED ? 'Deadline exceeded' : `status ${code}` });
          span.end();
          resolve(code);
        };
        const timer = setTimeout(() => {
          stream.close(constants.NGHTTP2_CANCEL);
          finish(GRPC_DEADLINE_EXCEEDED);
        }, deadlineMs);
        stream.on('trailers', (trailers) => finish(Number(trailers['grpc-status'] ?? 2)));
        stream.on('error', () => finish(GRPC_UNAVAILABLE));
        stream.on('data', () => undefined);
        stream.on('close', () => finish(GRPC_UNAVAILABLE));
        stream.end(JSON.stringify(request ?? {}));
      }),
  );
}
