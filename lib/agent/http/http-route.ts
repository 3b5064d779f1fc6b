// An HTTP route: a reverse proxy from `listen` to `upstream`. Requests and responses stream, with keep-alive
// connection reuse and backpressure both ways: unfaulted requests through the agent's own HTTP/1.1 client
// (upstream-pool.ts, the hot path), faulted or mirrored ones through undici's Pool (streams, abort signals and
// stages are simpler there); WebSocket upgrades pass through as raw sockets, never faulted. Client connections
// start on the route's own server side (route-connection.ts: plain bodyless requests while no fault or shadow copy
// could apply) and are handed to node:http for good at the first request that needs more. Each request
// may get one fault (the first active fault that matches and wins its probability roll), an agent span, a
// capture, and a shadow copy.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Attributes } from '@opentelemetry/api';
import type { Readable, Transform } from 'node:stream';
import { Pool } from 'undici';
import type { HttpRouteConfig } from '../config/agent-config';
import { parseHostPort } from '../config/host-port';
import type { ActiveHttpFault } from '../faults/http-fault';
import { matchesRequest } from '../faults/match-request';
import { BodyTap } from '../capture/body-tap';
import { BodyRecording, EMPTY_BODY } from '../capture/body-recording';
import type { ObservedExchange, ObservedHeaders } from '../capture/exchange-capture';
import type { CaptureShipper } from '../capture/capture-shipper';
import { AgentTracer, type AgentSpan } from '../trace/agent-tracer';
import { ShadowMirror } from '../shadow/shadow-mirror';
import { downstreamResponseHeaders, scanRequestHeaders, upstreamRequestHeaders } from './proxy-headers';
import { bandwidthStream, pacedStream } from './paced-stream';
import { wait } from './wait';
import { pipeChain } from './pipe-chain';
import { passUpgrade } from './pass-upgrade';
import { PlainForward, ServerResponseClient, type ForwardClient } from './plain-forward';
import { UpstreamPool } from './upstream-pool';
import { RouteConnection, type RouteConnectionHost } from './route-connection';
import type { PlainRequestHead } from './request-head';

export interface HttpRouteDeps {
  agentName: string;
  tracer: AgentTracer | null;
  shipper: CaptureShipper | null;
  maxCaptureBodyBytes: number;
}

export interface HttpRouteStats {
  requests: number;
  faulted: number;
  captured: number;
}

export const FAULT_HEADER = 'x-tracehound-fault';

/** How long a client connection may stay idle between requests (node:http's keepAliveTimeout for the route). */
const KEEP_ALIVE_MS = 65_000;

export class HttpRoute implements RouteConnectionHost {
  readonly protocol = 'http';
  readonly faults: ActiveHttpFault[] = [];
  captureRate: number;
  readonly shadow: ShadowMirror | null;
  readonly stats: HttpRouteStats = { requests: 0, faulted: 0, captured: 0 };
  private readonly pool: Pool;
  private readonly plainPool: UpstreamPool;
  /** "Host: host[:port]\r\n" of every request to the upstream (as undici sends it: the URL's host). */
  private readonly hostLine: string;
  private readonly server: Server;
  private readonly upstreamUrl: URL;
  readonly keepAliveSeconds = KEEP_ALIVE_MS / 1000;
  /** Client connections the route serves itself (route-connection.ts); the rest are node:http's. */
  private readonly connections = new Set<RouteConnection>();
  /** node:http's own handler of a new connection: the route's connections are handed to it when needed. */
  private readonly nodeConnectionListener: ((socket: Socket) => void) | null;
  private readonly idleSweep: NodeJS.Timeout;

  constructor(
    readonly config: HttpRouteConfig,
    private readonly deps: HttpRouteDeps,
  ) {
    this.upstreamUrl = new URL(config.upstream);
    this.pool = new Pool(this.upstreamUrl.origin, { connections: 256, keepAliveTimeout: 10_000 });
    const port = Number(this.upstreamUrl.port || (this.upstreamUrl.protocol === 'https:' ? 443 : 80));
    this.plainPool = new UpstreamPool(this.upstreamUrl.hostname.replace(/^\[|\]$/g, ''), port, {
      maxConnections: 256,
      keepAliveMs: 10_000,
      timeoutMs: 300_000,
      maxIdle: 256,
      tls: this.upstreamUrl.protocol === 'https:',
    });
    this.hostLine = `host: ${this.upstreamUrl.host}\r\n`;
    this.captureRate = config.capture?.sampleRate ?? 0;
    this.shadow = config.shadow ? new ShadowMirror(config.name, config.shadow, deps) : null;
    this.server = createServer({ keepAliveTimeout: KEEP_ALIVE_MS }, (req, res) => this.handle(req, res));
    this.server.on('upgrade', (req, socket, head) => passUpgrade(this.upstreamUrl, req, socket, head));
    this.server.on('clientError', (_error, socket) => socket.destroy());
    // New connections start on the route's own plain-request path; node:http's listener (the one 'connection'
    // listener http.Server registers) gets them when a request needs it. Should a Node version register
    // something else, every connection simply stays node:http's.
    const listeners = this.server.listeners('connection');
    this.nodeConnectionListener = listeners.length === 1 ? (listeners[0] as (socket: Socket) => void) : null;
    if (this.nodeConnectionListener) {
      this.server.removeListener('connection', this.nodeConnectionListener);
      this.server.on('connection', (socket: Socket) => this.connections.add(new RouteConnection(socket, this)));
    }
    this.idleSweep = setInterval(() => this.closeIdle(), 5_000).unref();
  }

  get name(): string {
    return this.config.name;
  }

  listen(): Promise<void> {
    const { host, port } = parseHostPort(this.config.listen)!;
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  address(): string {
    const a = this.server.address();
    return typeof a === 'object' && a ? `${a.address}:${a.port}` : this.config.listen;
  }

  async close(): Promise<void> {
    clearInterval(this.idleSweep);
    for (const connection of this.connections) connection.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([this.pool.destroy(), this.plainPool.close()]);
    await this.shadow?.close();
  }

  servesPlain(): boolean {
    return this.faults.length === 0 && this.shadow === null;
  }

  handOff(socket: Socket): void {
    this.nodeConnectionListener!.call(this.server, socket);
  }

  closed(connection: RouteConnection): void {
    this.connections.delete(connection);
  }

  /**
   * A plain request on one of the route's own connections: forwarded as node:http's unfaulted ones are. Its capture
   * records the raw header list, so a repeated request header is kept as the list of its values (as response
   * headers are) rather than node:http's joined value.
   */
  forwardPlain(connection: RouteConnection, head: PlainRequestHead): void {
    this.stats.requests++;
    const t0 = performance.now();
    const captureId = this.captureIdFor(false);
    this.forwardUnfaulted(connection, head.method, head.url, pathOf(head.url), head.rawHeaders, null, head.rawHeaders, captureId, Date.now(), t0);
  }

  /** The capture id of a request to capture (sampled at the route's rate), or null. */
  private captureIdFor(mirrored: boolean): string | null {
    if (!this.deps.shipper) return null;
    // A mirrored request is always captured: the shadow's answer is only useful next to the primary's.
    return mirrored || (this.captureRate > 0 && Math.random() < this.captureRate) ? randomUUID() : null;
  }

  /** Idle client connections past the keep-alive time are closed (node:http does the same for its own). */
  private closeIdle(): void {
    const before = Date.now() - KEEP_ALIVE_MS;
    for (const connection of this.connections) if (connection.idleSince !== 0 && connection.idleSince < before) connection.destroy();
  }

  private pickFault(req: IncomingMessage, path: string): ActiveHttpFault | null {
    for (const fault of this.faults) {
      if (fault.released.aborted) continue;
      if (!matchesRequest(fault.spec.match, { method: req.method ?? 'GET', path, headers: req.headers })) continue;
      if (fault.spec.probability >= 1 || Math.random() < fault.spec.probability) return fault;
    }
    return null;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.stats.requests++;
    const startedAt = Date.now();
    const t0 = performance.now();
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const path = pathOf(url);
    const fault = this.faults.length > 0 ? this.pickFault(req, path) : null;
    const mirror = this.shadow?.roll(method) ?? false;
    const captureId = this.captureIdFor(mirror);
    // Most traffic: nothing to inject or copy; at most a span to end and an exchange to record.
    if (!fault && !mirror) return this.forwardUnfaulted(new ServerResponseClient(res), method, url, path, req.rawHeaders, req, req, captureId, startedAt, t0);
    // Attributes are built only for a request that can get a span (it carries a traceparent).
    const agentSpan =
      this.deps.tracer && req.headers.traceparent !== undefined
        ? this.deps.tracer.startProxySpan(req.headers, `${method} ${this.name}`, this.spanAttributes(method, path, fault, captureId), t0)
        : null;
    void this.handleFaultOrMirror(req, res, method, url, fault, mirror, captureId, agentSpan, startedAt, t0);
  }

  private spanAttributes(method: string, path: string, fault: ActiveHttpFault | null, captureId: string | null): Attributes {
    const attributes: Attributes = {
      // Marks the span as a proxy hop: the analysis engine sees through it (lib/domain/analysis/agent-hops.ts).
      'tracehound.hop': true,
      'tracehound.route': this.name,
      'http.request.method': method,
      'url.path': path,
    };
    if (fault) {
      attributes['tracehound.fault.type'] = fault.spec.type;
      attributes['tracehound.fault.id'] = fault.id;
      if (fault.spec.runId) attributes['tracehound.run.id'] = fault.spec.runId;
    }
    if (captureId) attributes['tracehound.capture.id'] = captureId;
    return attributes;
  }

  /** A request with a fault to inject or a shadow copy to send: streams, abort signals and stages as needed. */
  private async handleFaultOrMirror(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    url: string,
    fault: ActiveHttpFault | null,
    mirror: boolean,
    captureId: string | null,
    agentSpan: AgentSpan | null,
    startedAt: number,
    t0: number,
  ): Promise<void> {
    const clientGone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) clientGone.abort();
    });
    if (fault) {
      this.stats.faulted++;
      res.setHeader(FAULT_HEADER, `${fault.spec.type}; id=${fault.id}`);
    }
    const requestTap = captureId || mirror ? new BodyTap(this.deps.maxCaptureBodyBytes) : null;
    let responseTap: BodyTap | null = null;
    let status = 0;
    let upstreamHeaders: Record<string, string | string[] | undefined> = {};
    let error: string | null = null;

    const finish = () => {
      const durationMs = performance.now() - t0;
      if (agentSpan) {
        if (status) agentSpan.span.setAttribute('http.response.status_code', status);
        // The agent's span is an error only when the agent caused the failure (an injected error or abort, an
        // unreachable upstream). An upstream 5xx is the upstream's error, already on its own span, and a client
        // that gave up is the caller's: marking either here would make the analysis engine blame the proxy.
        if (clientGone.signal.aborted) agentSpan.span.setAttribute('tracehound.client.aborted', true);
        else if (fault && (fault.spec.type === 'error' || fault.spec.type === 'abort')) AgentTracer.fail(agentSpan.span, `injected ${fault.spec.type}`);
        else if (error) AgentTracer.fail(agentSpan.span, error);
        agentSpan.span.end();
      }
      if (captureId)
        this.enqueueCapture(captureId, method, url, req, {
          trace: agentSpan,
          faultId: fault?.id ?? null,
          startedAt,
          durationMs,
          requestBody: requestTap,
          response: status ? { status, headers: upstreamHeaders, body: responseTap } : null,
          error,
        });
      if (mirror && this.shadow && requestTap && !error) this.shadow.send(req, url, requestTap, agentSpan);
    };

    try {
      if (fault) {
        const handled = await this.applyRequestFault(fault, req, res, clientGone.signal);
        if (handled) {
          // An aborted exchange has no response at all (the connection was reset or the client left).
          status = handled === 'aborted' ? 0 : res.statusCode;
          error = handled === 'aborted' ? (clientGone.signal.aborted ? 'client went away' : `fault ${fault.spec.type}`) : null;
          upstreamHeaders = res.getHeaders() as Record<string, string | string[]>;
          return finish();
        }
      }
      const hasBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
      const requestBody: Readable | undefined = hasBody ? (requestTap ? req.pipe(requestTap) : req) : undefined;
      const upstream = await this.pool.request({
        method: method as 'GET',
        path: url,
        headers: upstreamRequestHeaders(req.headers, agentSpan?.propagation ?? {}),
        body: requestBody,
        signal: clientGone.signal,
      });
      status = upstream.statusCode;
      upstreamHeaders = upstream.headers;
      if (fault?.spec.type === 'latency' && fault.spec.phase === 'response') await wait(delayOf(fault), fault.released, clientGone.signal);
      const stages: Transform[] = [];
      if (captureId) stages.push((responseTap = new BodyTap(this.deps.maxCaptureBodyBytes)));
      if (fault?.spec.type === 'bandwidth') stages.push(bandwidthStream(fault.spec.bytesPerSecond, fault.released));
      if (fault?.spec.type === 'slow_body') stages.push(pacedStream(fault.spec.chunkBytes, fault.spec.intervalMs, fault.released));
      res.writeHead(upstream.statusCode, downstreamResponseHeaders(upstream.headers, true));
      if (method === 'HEAD') {
        upstream.body.resume();
        res.end();
      } else {
        await pipeChain(upstream.body, stages, res);
      }
    } catch (caught) {
      error = clientGone.signal.aborted ? 'client went away' : describeUpstreamError(caught, this.config.upstream);
      if (!res.headersSent && !res.destroyed) {
        status = 502;
        res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'bad_gateway', message: error } }));
      } else if (!res.destroyed) res.destroy();
    }
    finish();
  }

  /**
   * The common case (no fault, no shadow copy): one call on the route's own upstream client whose handler writes
   * the response straight to the client (see PlainForward), with no intermediate streams, promises or abort
   * signals, and no header objects (the caller's raw headers become the upstream request's head in one pass),
   * which is what keeps the overhead of an unfaulted route small. A client that goes away aborts the upstream call.
   * The client is one of the route's own connections (a bodyless request, `body` null) or a node:http response.
   */
  private forwardUnfaulted(
    client: ForwardClient,
    method: string,
    url: string,
    path: string,
    rawHeaders: string[],
    body: IncomingMessage | null,
    requestHeaders: ObservedHeaders,
    captureId: string | null,
    startedAt: number,
    t0: number,
  ): void {
    const scanned = scanRequestHeaders(rawHeaders);
    // Attributes are built only for a request that can get a span (it carries a traceparent).
    const agentSpan =
      this.deps.tracer && scanned.traceparent !== undefined ? this.deps.tracer.startProxySpan(scanned, `${method} ${this.name}`, this.spanAttributes(method, path, null, captureId), t0) : null;
    let head = `${method} ${url} HTTP/1.1\r\n${this.hostLine}${scanned.lines}`;
    if (agentSpan) {
      head += `traceparent: ${agentSpan.propagation.traceparent}\r\n`;
      if (agentSpan.propagation.tracestate !== undefined) head += `tracestate: ${agentSpan.propagation.tracestate}\r\n`;
    } else {
      // No span of its own (no tracer, or a traceparent it could not read): the caller's context goes on as sent.
      if (scanned.traceparent !== undefined) head += `traceparent: ${scanned.traceparent}\r\n`;
      if (scanned.tracestate !== undefined) head += `tracestate: ${scanned.tracestate}\r\n`;
    }
    head += scanned.body === 'chunked' ? 'transfer-encoding: chunked\r\n\r\n' : '\r\n';
    const hasBody = body !== null && scanned.body !== 'none';
    // A request body the agent pipes upstream is recorded by a tap on the way; an absent one needs no stream.
    const requestTap = captureId && hasBody ? new BodyTap(this.deps.maxCaptureBodyBytes) : null;
    const requestBody = requestTap ?? (captureId ? EMPTY_BODY : null);
    // The response's chunks are views of the upstream socket's reads (fresh memory each): recorded by reference.
    const forward = new PlainForward(client, captureId ? new BodyRecording(this.deps.maxCaptureBodyBytes, true) : null, (done, error) => {
      let failure: string | null = null;
      let status = done.status;
      if (error) {
        if (!client.headersSent && !client.destroyed) {
          status = 502;
          const message = (failure = describeUpstreamError(error, this.config.upstream));
          client.badGateway(JSON.stringify({ error: { code: 'bad_gateway', message } }));
          if (agentSpan) AgentTracer.fail(agentSpan.span, message);
        } else if (client.destroyed) {
          failure = 'client went away';
          agentSpan?.span.setAttribute('tracehound.client.aborted', true);
        } else {
          // The upstream failed mid-body: the client can only be told by cutting its response.
          client.destroy();
          failure = describeUpstreamError(error, this.config.upstream);
          if (agentSpan) AgentTracer.fail(agentSpan.span, failure);
        }
      }
      if (agentSpan) {
        if (status) agentSpan.span.setAttribute('http.response.status_code', status);
        agentSpan.span.end();
      }
      if (captureId) {
        const response = status ? { status, headers: done.upstreamRawHeaders, body: done.responseBody } : null;
        this.enqueueCapture(captureId, method, url, requestHeaders, { trace: agentSpan, faultId: null, startedAt, durationMs: performance.now() - t0, requestBody, response, error: failure });
      }
    });
    forward.call = this.plainPool.request({ head, expectBody: method !== 'HEAD', body: hasBody ? (requestTap ? body.pipe(requestTap) : body) : null, chunked: scanned.body === 'chunked' }, forward);
  }

  private enqueueCapture(
    id: string,
    method: string,
    url: string,
    requestHeaders: ObservedHeaders,
    exchange: Pick<ObservedExchange, 'trace' | 'faultId' | 'startedAt' | 'durationMs' | 'requestBody' | 'response' | 'error'>,
  ): void {
    if (!this.deps.shipper) return;
    this.stats.captured++;
    // The exchange as observed (references only); the shipper scrubs and serialises it with its batch.
    this.deps.shipper.enqueue({
      id,
      agent: this.deps.agentName,
      route: this.name,
      shadowOf: null,
      trace: exchange.trace,
      faultId: exchange.faultId,
      startedAt: exchange.startedAt,
      durationMs: exchange.durationMs,
      method,
      url,
      // The request itself or its raw list: the header record is made when the capture's batch is (not per request).
      requestHeaders,
      requestBody: exchange.requestBody,
      response: exchange.response,
      error: exchange.error,
    });
  }

  /** Faults decided before the upstream call; returns how the request ended, or null to go on to the upstream. */
  private async applyRequestFault(fault: ActiveHttpFault, req: IncomingMessage, res: ServerResponse, clientGone: AbortSignal): Promise<'answered' | 'aborted' | null> {
    const spec = fault.spec;
    switch (spec.type) {
      case 'error':
        res.writeHead(spec.status, { 'content-type': 'text/plain; charset=utf-8', ...spec.headers }).end(spec.body);
        req.resume();
        return 'answered';
      case 'abort':
        req.socket.resetAndDestroy();
        return 'aborted';
      case 'hang':
        // Until the client gives up or the fault ends (deadline, revert, halt); then it goes on unfaulted.
        await wait(Math.max(0, fault.expiresAt - Date.now()), fault.released, clientGone);
        return clientGone.aborted ? 'aborted' : null;
      case 'latency':
        if (spec.phase === 'request') await wait(delayOf(fault), fault.released, clientGone);
        return clientGone.aborted ? 'aborted' : null;
      default:
        return null;
    }
  }
}

/** A request target's path, without its query (what fault matching and span attributes use). */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

function delayOf(fault: ActiveHttpFault): number {
  if (fault.spec.type !== 'latency') return 0;
  return fault.spec.delayMs + (fault.spec.jitterMs ? Math.round((Math.random() * 2 - 1) * fault.spec.jitterMs) : 0);
}

function describeUpstreamError(error: unknown, upstream: string): string {
  const code = (error as { code?: string }).code;
  return `upstream ${upstream} failed: ${code ?? (error as Error).message ?? String(error)}`;
}
