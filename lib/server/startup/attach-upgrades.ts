import 'server-only';
// WebSocket upgrades on the app's own port. Next's own upgrade listener ignores paths it has no route for
// (leaving them to "a custom WS server"), so these paths are served by a listener on the server itself.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { onHttpServer, requestPath } from './http-server-hook';

export type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;

const KEY = Symbol.for('tracehound.upgrade-routes');
type GlobalWithRoutes = typeof globalThis & { [KEY]?: Map<string, UpgradeHandler> };

/** Serves upgrades of `path` with `handler` on the HTTP server(s) of this process. */
export function attachUpgrade(path: string, handler: UpgradeHandler): void {
  const g = globalThis as GlobalWithRoutes;
  if (g[KEY]) {
    g[KEY].set(path, handler);
    return;
  }
  const routes = new Map([[path, handler]]);
  g[KEY] = routes;
  onHttpServer((server) => {
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      const route = routes.get(requestPath(req.url));
      if (!route) return;
      route(req, socket, head).catch((error: unknown) => {
        console.error('[tracehound] upgrade failed', error);
        socket.destroy();
      });
    });
  });
}
