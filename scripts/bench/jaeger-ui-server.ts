// Serves a local static build of Jaeger UI (JAEGER_UI_BUILD, e.g. jaeger-ui/packages/jaeger-ui/build) for the
// side-by-side runs of bench:ui, the way Jaeger's query service does: files from the build, index.html for
// every other path (the UI routes in the browser), and /api/* answered by Tracehound's Jaeger query API
// (/jaeger/api/*) with the bench's token added. Both UIs then read the same stored traces from one server.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export async function startJaegerUiServer(buildDir: string, port: number, tracehound: string, token: string): Promise<Server> {
  const root = path.resolve(buildDir);
  if (!existsSync(path.join(root, 'index.html'))) throw new Error(`JAEGER_UI_BUILD=${buildDir} has no index.html (build Jaeger UI first, see docs/performance.md)`);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith('/api/')) {
        const upstream = await fetch(`${tracehound}/jaeger${url.pathname}${url.search}`, { headers: { authorization: `Bearer ${token}` } });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        if (upstream.body) Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream).pipe(res);
        else res.end();
        return;
      }
      let file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
      if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) file = path.join(root, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    } catch (error) {
      res.writeHead(502).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}
