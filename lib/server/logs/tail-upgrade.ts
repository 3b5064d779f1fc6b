import 'server-only';
// GET /loki/api/v1/tail as a WebSocket (what Grafana's Loki live mode and logcli --tail open). Next route
// handlers cannot upgrade a connection, so this runs on the HTTP server's `upgrade` event
// (startup/attach-upgrades.ts). Before the handshake, the request is checked like a read route: a viewer's
// credential (API token, or session cookie from this dashboard's own origin — a WebSocket is not bound by
// CORS, so a cookie sent from another site's page is refused), the tenant (X-Scope-OrgID), the parameters,
// and TAIL_MAX_CONNECTIONS tails at once; a refusal is an ordinary HTTP error response. Then the tail polls
// every TAIL_POLL_MS until either side closes.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { getConfig } from '../config/load-config';
import { getDatabase } from '../db/get-database';
import { AppError } from '../http/app-error';
import { errorResponse } from '../http/route-handler';
import { bearerTokenOf } from '../auth/api-tokens';
import { trustedOriginsFor } from '../auth/better-auth';
import { requireRole } from '../auth/require-role';
import { selectTenant } from '../auth/select-tenant';
import { LokiTail } from './loki-tail';
import { tailRequestOf } from './tail-params';

export const TAIL_PATH = '/loki/api/v1/tail';

const KEY = Symbol.for('tracehound.tail-connections');
type GlobalWithTails = typeof globalThis & { [KEY]?: { open: number; wss: WebSocketServer } };

function state(): { open: number; wss: WebSocketServer } {
  const g = globalThis as GlobalWithTails;
  // Clients send nothing a tail reads: small frames only.
  g[KEY] ??= { open: 0, wss: new WebSocketServer({ noServer: true, maxPayload: 4096 }) };
  return g[KEY];
}

/** Tails open now (for tests and health). */
export function openTails(): number {
  return state().open;
}

function requestOf(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { headers });
}

/** A refusal before the handshake: the error response the API would give, written as raw HTTP/1.1. */
async function refuse(socket: Duplex, error: unknown): Promise<void> {
  const response = errorResponse(error);
  const body = Buffer.from(await response.arrayBuffer());
  const lines = [`HTTP/1.1 ${response.status} ${response.statusText || 'Error'}`];
  response.headers.forEach((value, name) => lines.push(`${name}: ${value}`));
  lines.push(`content-length: ${body.byteLength}`, 'connection: close');
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]));
}

function checkWebSocketOrigin(request: Request): void {
  if (bearerTokenOf(request) !== null) return;
  const origin = request.headers.get('origin');
  if (origin !== null && !trustedOriginsFor(getConfig(), request).includes(origin)) {
    throw new AppError('forbidden', `Cross-site WebSocket refused: origin ${origin} is not this dashboard.`);
  }
}

export async function handleTailUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const tails = state();
  let counted = false;
  try {
    const request = requestOf(req);
    if (req.method !== 'GET') throw new AppError('bad_request', 'The tail is a WebSocket opened with GET.');
    checkWebSocketOrigin(request);
    const principal = await requireRole(request, 'viewer');
    const tailRequest = tailRequestOf(new URL(request.url), selectTenant(request, principal));
    const config = getConfig();
    if (tails.open >= config.TAIL_MAX_CONNECTIONS) {
      throw new AppError('too_many_requests', `${config.TAIL_MAX_CONNECTIONS} live tails are open (TAIL_MAX_CONNECTIONS); try again later.`, { retryAfterSeconds: 5 });
    }
    tails.open++;
    counted = true;
    const db = await getDatabase();
    tails.wss.handleUpgrade(req, socket, head, (ws) => run(ws, new LokiTail(db.pool, tailRequest, ws), config.TAIL_POLL_MS, () => tails.open--));
  } catch (error) {
    if (counted) tails.open--;
    await refuse(socket, error);
  }
}

/** Polls until the client leaves; a failing poll closes the socket with the reason (1011, or 1008 for a bad query). */
function run(ws: WebSocket, tail: LokiTail, pollMs: number, release: () => void): void {
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const stop = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    release();
  };
  ws.on('close', stop);
  ws.on('error', stop);
  const round = async () => {
    if (closed) return;
    try {
      await tail.poll();
      if (!closed) timer = setTimeout(round, pollMs);
    } catch (error) {
      const bad = error instanceof AppError && error.status < 500;
      ws.close(bad ? 1008 : 1011, (bad ? (error as Error).message : 'the tail query failed').slice(0, 120));
      stop();
    }
  };
  void round();
}
