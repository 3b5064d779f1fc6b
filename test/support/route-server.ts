// Serves App Router route handlers (the modules' exported GET/POST/... functions) over real HTTP on
// loopback, without a Next build: each request becomes a web Request, exactly what Next passes them.
import { createServer, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

// `never` params: any handler, whatever its params type, fits (the server passes what the path held).
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
export type RouteModule = Partial<Record<'GET' | 'POST' | 'PUT' | 'DELETE', Handler>>;

export interface RouteServer {
  url: string;
  close(): Promise<void>;
}

function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith('[')) params[p[i]!.slice(1, -1)] = decodeURIComponent(s[i]!);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export async function startRouteServer(routes: Record<string, RouteModule>): Promise<RouteServer> {
  const server = createServer(async (req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Static segments win over dynamic ones, as in Next.
    const entries = Object.entries(routes).sort(([a], [b]) => a.split('[').length - b.split('[').length);
    for (const [pattern, module] of entries) {
      const params = match(pattern, url.pathname);
      if (!params) continue;
      const handler = module[req.method as 'GET'];
      if (!handler) return void res.writeHead(405).end();
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(url, {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([k, v]) => (v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]])),
        body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
        duplex: 'half',
      } as RequestInit);
      const response = await handler(request, { params: Promise.resolve(params) as Promise<never> });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
