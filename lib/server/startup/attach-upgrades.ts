import 'server-only';
// WebSocket upgrades on the app's own port. `next start` creates the HTTP server itself and hands this
// process no reference to it; its own upgrade listener ignores paths it has no route for (leaving them to
// "a custom WS server"). We find the server through Node's documented diagnostics channel
// `net.server.socket`, published for each accepted connection before it is read, so the listener is on the
// server before the first upgrade request is parsed — whether the app runs under `npm start`
// (scripts/start.mjs → next start) or `next start` directly (the tests).
import diagnostics from 'node:diagnostics_channel';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;

const KEY = Symbol.for('tracehound.upgrade-routes');
type GlobalWithRoutes = typeof globalThis & { [KEY]?: Map<string, UpgradeHandler> };

function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0] ?? '/';
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Serves upgrades of `path` with `handler` on the HTTP server(s) of this process. */
export function attachUpgrade(path: string, handler: UpgradeHandler): void {
  const g = globalThis as GlobalWithRoutes;
  if (g[KEY]) {
    g[KEY].set(path, handler);
    return;
  }
  const routes = new Map([[path, handler]]);
  g[KEY] = routes;
  const served = new WeakSet<http.Server>();
  diagnostics.subscribe('net.server.socket', (message) => {
    const server = (message as { socket: Socket & { server?: unknown } }).socket.server;
    // HTTP/1 servers only (the OTLP/gRPC receiver is an HTTP/2 server).
    if (!(server instanceof http.Server) || served.has(server)) return;
    served.add(server);
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      const route = routes.get(pathOf(req.url));
      if (!route) return;
      route(req, socket, head).catch((error: unknown) => {
        console.error('[tracehound] upgrade failed', error);
        socket.destroy();
      });
    });
  });
}
