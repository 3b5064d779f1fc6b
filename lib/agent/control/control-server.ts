// The control API's HTTP server. Token rules: Tracehound's endpoints always need `Authorization: Bearer
// <control.token>`; the Toxiproxy-compatible ones answer without a token only when the control API listens
// on loopback (as Toxiproxy does), and need it otherwise. Bodies are JSON, at most 1 MiB.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Agent } from '../agent';
import { isLoopbackHost, parseHostPort } from '../config/host-port';
import { AgentError } from './agent-error';
import { route, type Endpoint, type EndpointResult } from './router';
import { toxiproxyEndpoints } from './toxiproxy-endpoints';
import { tracehoundEndpoints } from './tracehound-endpoints';

const MAX_BODY_BYTES = 1 << 20;

function sameToken(given: string, expected: string): boolean {
  // Hash both so the comparison is constant-time regardless of length.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AgentError(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AgentError(400, 'body is not valid JSON');
  }
}

export class ControlServer {
  private readonly server: Server;
  private readonly loopback: boolean;

  constructor(private readonly agent: Agent) {
    this.loopback = isLoopbackHost(parseHostPort(agent.config.control.listen)!.host);
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  listen(): Promise<string> {
    const { host, port } = parseHostPort(this.agent.config.control.listen)!;
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const a = this.server.address();
        resolve(typeof a === 'object' && a ? `${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}` : this.agent.config.control.listen);
      });
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private authorize(req: IncomingMessage, tracehound: boolean): void {
    if (!tracehound && this.loopback) return;
    const token = this.agent.config.control.token;
    if (!token) throw new AgentError(401, 'this endpoint needs the control token, and the agent has none configured (control.token or TRACEHOUND_AGENT_TOKEN)');
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!given) throw new AgentError(401, 'missing control token: send Authorization: Bearer <token>');
    if (!sameToken(given, token)) throw new AgentError(401, 'wrong control token');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    const tracehound = path === '/halt' || path.startsWith('/tracehound/');
    try {
      const match = route(tracehound ? tracehoundEndpoints : (toxiproxyEndpoints as Endpoint[]), req.method ?? 'GET', path);
      if (match === null) throw new AgentError(404, `no endpoint ${req.method} ${path}`);
      this.authorize(req, tracehound);
      if (match === 'methodMismatch') throw new AgentError(404, `${req.method} is not supported on ${path}`);
      const body = req.method === 'GET' || req.method === 'DELETE' ? (req.resume(), undefined) : await readJson(req);
      send(res, await match.endpoint.handle({ agent: this.agent, params: match.params, body }));
    } catch (error) {
      if (error instanceof AgentError) {
        // Toxiproxy's error shape is {error, status}; Tracehound's is the dashboard's {error: {code, message}}.
        send(res, { status: error.status, json: tracehound ? { error: { code: error.code, message: error.message } } : { error: error.message, status: error.status } });
      } else {
        console.error('[agent] control API error', error);
        send(res, { status: 500, json: { error: { code: 'internal', message: 'internal error' } } });
      }
    }
  }
}

function send(res: ServerResponse, result: EndpointResult): void {
  if (res.headersSent) return;
  if (result.json !== undefined) res.writeHead(result.status, { 'content-type': 'application/json' }).end(JSON.stringify(result.json));
  else if (result.text !== undefined) res.writeHead(result.status, { 'content-type': 'text/plain' }).end(result.text);
  else res.writeHead(result.status).end();
}
