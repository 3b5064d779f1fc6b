import 'server-only';
// Ingest refusals before Next sees the request (issue #19, overload). A refusal inside a route handler still
// pays Next's routing and request set-up, around a millisecond of the one event loop per request: under
// overload, with every refused sender retrying, that work alone saturated the loop, so each 429 waited seconds
// behind the others (bench:ingest -- --overload: median 2.9 s). Here the same admission rule
// (admissionRefusalReason: write queue saturation, requests in flight) is applied on the server's 'request' event,
// ahead of Next's listener, so a refusal costs a header write. Admitted requests go on to the route handler,
// which checks again with the body's declared length and its credentials.
import type http from 'node:http';
import type { WriteQueue } from './write-queue';
import { admissionRefusalReason, contentLength, getIngestPipelines } from './ingest-pipelines';
import { onHttpServer, requestPath } from '../startup/http-server-hook';
import { getConfig } from '../config/load-config';
import { skipRefusedBody } from './refused-body';

type Queue = Pick<WriteQueue<unknown>, 'wouldSaturate'>;

/** The write queue of each ingest path (without a trailing slash, which those paths also accept). */
function queueOf(path: string): Queue | null {
  const pipelines = getIngestPipelines();
  switch (path) {
    case '/v1/traces':
    case '/api/v2/spans':
    case '/api/v1/spans':
      return pipelines.spans;
    case '/v1/logs':
    case '/loki/api/v1/push':
      return pipelines.logs;
    case '/v1/metrics':
      return pipelines.metrics;
    default:
      return null;
  }
}

export interface EarlyRefusal {
  status: 429;
  body: string;
  headers: Record<string, string>;
  /** The connection stays open: the request's body is still to be consumed (and skipped, refused-body.ts). */
  keepConnection: boolean;
}

/** The refusals (two messages × keep or close), built once: a refusal under overload should cost a header write. */
const refusals = new Map<string, EarlyRefusal>();

function refusalFor(message: string, keepConnection: boolean): EarlyRefusal {
  const key = `${keepConnection ? 'k' : 'c'}${message}`;
  let refusal = refusals.get(key);
  if (!refusal) {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'retry-after': '1', 'x-content-type-options': 'nosniff' };
    if (!keepConnection) headers.connection = 'close';
    refusal = { status: 429, body: JSON.stringify({ error: { code: 'too_many_requests', message } }), headers, keepConnection };
    refusals.set(key, refusal);
  }
  return refusal;
}

/**
 * A refused request whose declared body is at most INGEST_REFUSAL_KEEPALIVE_BYTES long keeps its connection: Node
 * reads the body and discards it after the 429 is written, and the client's retry comes on the same connection.
 * Closing instead makes every retry a new connection, and libuv (Node 20) accepts one connection per event-loop
 * iteration, so under overload the retries queue in the listen socket. Discarding costs a copy out of the kernel,
 * no decoding and no Buffers (refused-body.ts); the default, 4 MiB, covers OTLP exporters' batches (the
 * Collector's default gRPC message limit). A longer or undeclared (chunked) body is not read: the refusal closes
 * the connection.
 */
function keepsConnection(headers: http.IncomingHttpHeaders): boolean {
  if (headers['transfer-encoding'] !== undefined) return false;
  const limit = getConfig().INGEST_REFUSAL_KEEPALIVE_BYTES;
  const declared = contentLength(headers['content-length']);
  return limit > 0 && declared !== null && declared <= limit;
}

/** The refusal an ingest request gets before Next routes it, or null to let it through. */
export function earlyRefusal(req: Pick<http.IncomingMessage, 'method' | 'url' | 'headers'>): EarlyRefusal | null {
  if (req.method !== 'POST') return null;
  const queue = queueOf(requestPath(req.url));
  if (!queue) return null;
  const reason = admissionRefusalReason(queue);
  return reason ? refusalFor(reason, keepsConnection(req.headers)) : null;
}

/** Puts the gate in front of every HTTP server's request listeners (Next's among them). */
export function attachEarlyAdmission(): void {
  onHttpServer((server) => {
    const next = server.listeners('request') as ((req: http.IncomingMessage, res: http.ServerResponse) => void)[];
    server.removeAllListeners('request');
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const refusal = earlyRefusal(req);
      if (refusal) {
        // Without Connection: close, Node reads and discards the unread body once the response has ended; its
        // parser then skips it without copying it into Buffers for JavaScript.
        if (refusal.keepConnection) skipRefusedBody(req);
        res.writeHead(refusal.status, refusal.headers).end(refusal.body);
        return;
      }
      for (const listener of next) listener.call(server, req, res);
    });
  });
}
