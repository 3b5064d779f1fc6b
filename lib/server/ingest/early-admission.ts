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
import { admissionRefusalReason, getIngestPipelines } from './ingest-pipelines';
import { onHttpServer, requestPath } from '../startup/http-server-hook';

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
}

/** The two possible refusals, built once: a refusal under overload should cost a header write, nothing more. */
const refusals = new Map<string, EarlyRefusal>();

function refusalFor(message: string): EarlyRefusal {
  let refusal = refusals.get(message);
  if (!refusal) {
    refusal = {
      status: 429,
      body: JSON.stringify({ error: { code: 'too_many_requests', message } }),
      // Connection: close — the unread body is not drained (see busy() in ingest-pipelines.ts).
      headers: { 'content-type': 'application/json', 'retry-after': '1', 'x-content-type-options': 'nosniff', connection: 'close' },
    };
    refusals.set(message, refusal);
  }
  return refusal;
}

/** The refusal an ingest request gets before Next routes it, or null to let it through. */
export function earlyRefusal(req: Pick<http.IncomingMessage, 'method' | 'url'>): EarlyRefusal | null {
  if (req.method !== 'POST') return null;
  const queue = queueOf(requestPath(req.url));
  if (!queue) return null;
  const reason = admissionRefusalReason(queue);
  return reason ? refusalFor(reason) : null;
}

/** Puts the gate in front of every HTTP server's request listeners (Next's among them). */
export function attachEarlyAdmission(): void {
  onHttpServer((server) => {
    const next = server.listeners('request') as ((req: http.IncomingMessage, res: http.ServerResponse) => void)[];
    server.removeAllListeners('request');
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const refusal = earlyRefusal(req);
      if (refusal) {
        res.writeHead(refusal.status, refusal.headers).end(refusal.body);
        return;
      }
      for (const listener of next) listener.call(server, req, res);
    });
  });
}
