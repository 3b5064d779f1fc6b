import 'server-only';
// The app's own HTTP server, for the few things that must happen before Next sees a request (WebSocket
// upgrades, refusing ingest under overload). `next start` creates the server itself and hands this process no
// reference to it, so it is found through Node's documented diagnostics channel `net.server.socket`, published
// for each accepted connection before it is read: the hook is on the server before its first request is parsed,
// whether the app runs under `npm start` (scripts/start.mjs → next start) or `next start` directly (the tests).
import diagnostics from 'node:diagnostics_channel';
import http from 'node:http';
import type { Socket } from 'node:net';

const KEY = Symbol.for('tracehound.http-server-hooks');
type GlobalWithHooks = typeof globalThis & { [KEY]?: { hooks: ((server: http.Server) => void)[]; seen: WeakSet<http.Server> } };

/** Calls `hook` once for every HTTP/1 server of this process, as soon as it accepts its first connection. */
export function onHttpServer(hook: (server: http.Server) => void): void {
  const g = globalThis as GlobalWithHooks;
  if (g[KEY]) {
    g[KEY].hooks.push(hook);
    return;
  }
  const state = { hooks: [hook], seen: new WeakSet<http.Server>() };
  g[KEY] = state;
  diagnostics.subscribe('net.server.socket', (message) => {
    const server = (message as { socket: Socket & { server?: unknown } }).socket.server;
    // HTTP/1 servers only (the OTLP/gRPC receiver is an HTTP/2 server).
    if (!(server instanceof http.Server) || state.seen.has(server)) return;
    state.seen.add(server);
    for (const h of state.hooks) h(server);
  });
}

/** A request target's path, without its query and a trailing slash: the key both hooks route on. */
export function requestPath(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0] ?? '/';
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
