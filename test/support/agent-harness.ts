// Real processes-on-loopback helpers for the agent's tests: an upstream HTTP service that echoes what it
// got (and can stream large bodies or switch protocols), a TCP echo upstream, and an agent started in this
// process with free ports and a control token.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { freeLoopbackPort } from '@/lib/server/net/free-port';
import { parseAgentConfig } from '@/lib/agent/config/load-agent-config';
import { startAgent, type RunningAgent } from '@/lib/agent/start-agent';
import type { AgentOptions } from '@/lib/agent/agent';

export const CONTROL_TOKEN = 'test-control-token-0123456789';

export interface Upstream {
  url: string;
  hostPort: string;
  /** Headers of every request the upstream received, in order. */
  seen: IncomingMessage['headers'][];
  close(): Promise<void>;
}

function listen(server: Server | TcpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

/**
 * GET /bytes/N streams N bytes in 64 KiB chunks (chunked encoding); GET /delay/MS answers after MS ms; POST /echo
 * returns the request body;
 * anything else answers JSON {method, url, headers, bodyBytes}. Upgrade requests get 101 and an echo socket.
 */
export async function startUpstream(): Promise<Upstream> {
  const seen: IncomingMessage['headers'][] = [];
  const server = createServer(async (req, res) => {
    seen.push(req.headers);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const bytes = /^\/bytes\/(\d+)/.exec(req.url ?? '');
    if (bytes) {
      let left = Number(bytes[1]);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      while (left > 0) {
        const n = Math.min(left, 65_536);
        if (!res.write(Buffer.alloc(n, 97))) await new Promise((r) => res.once('drain', r));
        left -= n;
      }
      res.end();
    } else if (/^\/delay\/\d+/.test(req.url ?? '')) {
      // Answers after N ms (the timer is dropped when the agent gives up on the call).
      const timer = setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('late'), Number(/^\/delay\/(\d+)/.exec(req.url!)![1]));
      res.once('close', () => clearTimeout(timer));
    } else if (req.url?.startsWith('/echo')) {
      res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/octet-stream', 'set-cookie': 'session=upstream-secret' }).end(body);
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, bodyBytes: body.length }));
    }
  });
  server.on('upgrade', (req, socket) => {
    seen.push(req.headers);
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n');
    socket.pipe(socket);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

export async function startTcpEcho(): Promise<{ hostPort: string; port: number; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.pipe(socket);
  });
  const port = await listen(server);
  return {
    hostPort: `127.0.0.1:${port}`,
    port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

export interface TestAgent extends RunningAgent {
  control: string;
  /** Listen address of each route by name, as http://… for HTTP routes and HOST:PORT for TCP ones. */
  routeUrl(name: string): string;
  call(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; json: unknown }>;
}

export async function startTestAgent(raw: Record<string, unknown> & { routes?: Record<string, unknown>[] }, options: AgentOptions = {}): Promise<TestAgent> {
  const routes = [];
  for (const route of raw.routes ?? []) routes.push({ ...route, listen: route.listen ?? `127.0.0.1:${await freeLoopbackPort()}` });
  const config = parseAgentConfig({ ...raw, routes, control: { listen: '127.0.0.1:0', token: CONTROL_TOKEN, ...(raw.control as object | undefined) } });
  const running = await startAgent(config, { log: () => {}, ...options });
  const control = `http://${running.controlAddress}`;
  return {
    ...running,
    control,
    routeUrl: (name) => {
      const route = running.agent.status().routes.find((r) => r.name === name)!;
      return route.protocol === 'http' ? `http://${route.listen}` : route.listen;
    },
    async call(method, path, body, token = CONTROL_TOKEN) {
      const response = await fetch(`${control}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null };
    },
  };
}
