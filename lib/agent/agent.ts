// The agent: its routes (HTTP reverse proxies and TCP proxies), the registry of active faults with their
// deadlines, the lease (dead-man switch), the tracer and the capture shipper. The control API is a thin layer
// over this class. Safety rules live here: every fault has a capped deadline, faults only target configured
// routes, a TCP proxy may only be created for a configured or explicitly allowed upstream, and halt /
// lease expiry / shutdown revert everything synchronously.
import { randomBytes } from 'node:crypto';
import type { AgentConfig } from './config/agent-config';
import { parseHostPort, formatHostPort } from './config/host-port';
import { FaultRegistry, type FaultEntry, type RevertReason } from './faults/fault-registry';
import { Lease } from './faults/lease';
import { httpFaultSchema, type ActiveHttpFault } from './faults/http-fault';
import { HttpRoute } from './http/http-route';
import { TcpProxy, type TcpProxyConfig } from './tcp/tcp-proxy';
import { parseToxicAttributes, toxicBodySchema, toxicJson, type Toxic, type ToxicBody } from './tcp/toxic';
import { AgentTracer } from './trace/agent-tracer';
import { CaptureShipper } from './capture/capture-shipper';
import { scrubRules } from './capture/scrub';
import { AgentError } from './control/agent-error';
import { parseBody } from './control/parse-body';
import { z } from 'zod';

export const AGENT_VERSION = '0.1.0';

export interface AgentOptions {
  /** Overrides for tests: a span processor instead of the OTLP exporter to the dashboard. */
  tracer?: AgentTracer | null;
  log?: (line: string) => void;
}

const durationMs = z.number({ error: 'durationMs is required (the fault deadline, in ms)' }).int('durationMs must be an integer').positive('durationMs must be a positive number of ms');
const downFaultSchema = z.strictObject({ type: z.literal('down'), durationMs, runId: z.string().max(128).optional() });
const toxicFaultSchema = toxicBodySchema.extend({ durationMs, runId: z.string().max(128).optional() });

function newId(): string {
  return `f-${randomBytes(6).toString('hex')}`;
}

export class Agent {
  readonly httpRoutes = new Map<string, HttpRoute>();
  readonly tcpProxies = new Map<string, TcpProxy>();
  readonly registry: FaultRegistry;
  readonly lease: Lease;
  readonly tracer: AgentTracer | null;
  readonly shipper: CaptureShipper | null;
  private readonly allowedUpstreams: Set<string>;
  private readonly log: (line: string) => void;

  constructor(
    readonly config: AgentConfig,
    options: AgentOptions = {},
  ) {
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.registry = new FaultRegistry((entry, reason) => this.log(`[agent] reverted ${entry.kind} ${entry.type} ${entry.id} on ${entry.route} (${reason})`));
    this.lease = new Lease(() => {
      const n = this.registry.revertAll('lease-expired');
      this.log(`[agent] lease expired: reverted ${n} fault(s)`);
    });
    const dashboard = config.dashboard;
    const headers: Record<string, string> = { 'x-scope-orgid': dashboard?.tenant ?? 'default', ...(dashboard?.token ? { authorization: `Bearer ${dashboard.token}` } : {}) };
    this.tracer = options.tracer !== undefined ? options.tracer : dashboard ? new AgentTracer({ otlpUrl: new URL('/v1/traces', dashboard.url).toString(), headers, agentName: config.name }) : null;
    this.shipper = dashboard
      ? new CaptureShipper({
          url: new URL('/api/agent-captures', dashboard.url).toString(),
          token: dashboard.token,
          tenant: dashboard.tenant,
          queueMax: config.caps.captureQueueMax,
          batchMax: config.caps.captureBatchMax,
          scrub: scrubRules(config.scrub),
        })
      : null;
    const deps = { agentName: config.name, tracer: this.tracer, shipper: this.shipper, maxCaptureBodyBytes: config.caps.maxCaptureBodyBytes };
    this.allowedUpstreams = new Set(config.allowedUpstreams.map(normalise));
    for (const route of config.routes) {
      if (route.protocol === 'http') this.httpRoutes.set(route.name, new HttpRoute(route, deps));
      else {
        this.tcpProxies.set(route.name, new TcpProxy({ name: route.name, listen: route.listen, upstream: route.upstream, enabled: true }));
        this.allowedUpstreams.add(normalise(route.upstream));
      }
    }
  }

  async start(): Promise<void> {
    for (const route of this.httpRoutes.values()) await route.listen();
    for (const proxy of this.tcpProxies.values()) await proxy.start();
  }

  /** Reverts every fault first (synchronously), then closes listeners and flushes spans and captures. */
  async stop(): Promise<void> {
    this.registry.revertAll('shutdown');
    this.lease.release();
    for (const proxy of this.tcpProxies.values()) proxy.stop();
    await Promise.all([...this.httpRoutes.values()].map((r) => r.close()));
    await Promise.all([this.tracer?.shutdown(), this.shipper?.flush()]);
  }

  halt(reason: RevertReason = 'halt'): number {
    return this.registry.revertAll(reason);
  }

  capMs(durationMs: number): number {
    if (durationMs > this.config.caps.maxFaultMs) throw new AgentError(400, `durationMs ${durationMs} exceeds the cap caps.maxFaultMs=${this.config.caps.maxFaultMs}`);
    return durationMs;
  }

  renewLease(body: unknown) {
    const { holder, ttlMs } = parseBody(
      z.strictObject({ holder: z.string().min(1).max(128).default('dashboard'), ttlMs: z.number({ error: 'ttlMs is required' }).int().positive('ttlMs must be positive') }),
      body,
    );
    if (ttlMs > this.config.caps.maxLeaseMs) throw new AgentError(400, `ttlMs ${ttlMs} exceeds the cap caps.maxLeaseMs=${this.config.caps.maxLeaseMs}`);
    return this.lease.renew(holder, ttlMs);
  }

  /** Tracehound's fault endpoint: an HTTP fault on an HTTP route, a toxic or "down" on a TCP route. */
  addFault(routeName: string, body: unknown): Record<string, unknown> {
    const http = this.httpRoutes.get(routeName);
    const tcp = this.tcpProxies.get(routeName);
    if (!http && !tcp) throw new AgentError(404, `no route named "${routeName}" is configured`);
    if (!this.lease.active()) throw new AgentError(409, 'no active lease: PUT /tracehound/lease first (faults revert by themselves when it is not renewed)');
    if (http) return this.addHttpFault(http, body);
    // Two shapes told apart by `type`, each validated on its own so errors name the field, not "invalid union".
    if ((body as { type?: unknown } | null)?.type === 'down') {
      const spec = parseBody(downFaultSchema, body);
      return this.takeDown(tcp!, Date.now() + this.capMs(spec.durationMs)).view();
    }
    const spec = parseBody(toxicFaultSchema, body);
    return toxicJson(this.addToxic(tcp!, spec, Date.now() + this.capMs(spec.durationMs)));
  }

  private addHttpFault(route: HttpRoute, body: unknown): Record<string, unknown> {
    const spec = parseBody(httpFaultSchema, body);
    const controller = new AbortController();
    const fault: ActiveHttpFault = { id: newId(), route: route.name, spec, createdAt: Date.now(), expiresAt: Date.now() + this.capMs(spec.durationMs), released: controller.signal };
    route.faults.push(fault);
    const view = () => ({ id: fault.id, kind: 'http', route: fault.route, ...spec, expiresAt: new Date(fault.expiresAt).toISOString() });
    this.registry.add({
      id: fault.id,
      kind: 'http',
      route: route.name,
      type: spec.type,
      expiresAt: fault.expiresAt,
      view,
      revert: () => {
        const index = route.faults.indexOf(fault);
        if (index >= 0) route.faults.splice(index, 1);
        controller.abort();
      },
    });
    return view();
  }

  takeDown(proxy: TcpProxy, expiresAt: number): FaultEntry {
    const entry: FaultEntry = {
      id: newId(),
      kind: 'down',
      route: proxy.name,
      type: 'down',
      expiresAt,
      view: () => ({ id: entry.id, kind: 'down', route: proxy.name, type: 'down', expiresAt: new Date(expiresAt).toISOString() }),
      revert: () => void proxy.setEnabled(true).catch((error: Error) => this.log(`[agent] re-enabling ${proxy.name} failed: ${error.message}`)),
    };
    proxy.stop();
    proxy.config.enabled = false;
    this.registry.add(entry);
    return entry;
  }

  addToxic(proxy: TcpProxy, body: ToxicBody, expiresAt: number): Toxic {
    const name = body.name ?? `${body.type}_${body.stream}`;
    if (proxy.getToxic(name)) throw new AgentError(409, `toxic ${name} already exists on proxy ${proxy.name}`);
    const attributes = parseToxicAttributes(body.type, body.attributes);
    if (!attributes.ok) throw new AgentError(400, attributes.message);
    const toxic: Toxic = { id: newId(), name, type: body.type, stream: body.stream, toxicity: body.toxicity, attributes: attributes.value, expiresAt };
    proxy.addToxic(toxic);
    this.registry.add({
      id: toxic.id,
      kind: 'toxic',
      route: proxy.name,
      type: toxic.type,
      expiresAt,
      view: () => ({ id: toxic.id, kind: 'toxic', route: proxy.name, ...toxicJson(toxic) }),
      revert: () => {
        if (proxy.getToxic(name) === toxic) proxy.removeToxic(name);
      },
    });
    return toxic;
  }

  removeToxic(proxy: TcpProxy, name: string): void {
    const toxic = proxy.getToxic(name);
    if (!toxic) throw new AgentError(404, `toxic ${name} not found on proxy ${proxy.name}`);
    this.registry.revert(toxic.id, 'deleted');
  }

  async createProxy(config: TcpProxyConfig): Promise<TcpProxy> {
    if (this.tcpProxies.has(config.name) || this.httpRoutes.has(config.name)) throw new AgentError(409, `proxy ${config.name} already exists`);
    this.checkUpstream(config.upstream);
    const proxy = new TcpProxy(config);
    try {
      await proxy.start();
    } catch (error) {
      throw new AgentError(409, `cannot listen on ${config.listen}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    this.tcpProxies.set(config.name, proxy);
    return proxy;
  }

  checkUpstream(upstream: string): void {
    const parsed = parseHostPort(upstream);
    if (!parsed) throw new AgentError(400, `upstream must be HOST:PORT, got "${upstream}"`);
    if (!this.allowedUpstreams.has(normalise(upstream))) {
      throw new AgentError(403, `upstream ${upstream} is not configured: faults may only target the routes' upstreams and allowedUpstreams`);
    }
  }

  deleteProxy(name: string): void {
    const proxy = this.tcpProxies.get(name);
    if (!proxy) throw new AgentError(404, `proxy ${name} not found`);
    this.registry.revertRoute(name, 'deleted');
    proxy.stop();
    this.tcpProxies.delete(name);
  }

  /** Toxiproxy's POST /reset: every proxy enabled, every toxic removed. */
  async reset(): Promise<void> {
    this.registry.revertAll('reset');
    for (const proxy of this.tcpProxies.values()) await proxy.setEnabled(true);
  }

  status() {
    return {
      name: this.config.name,
      version: AGENT_VERSION,
      lease: this.lease.view(),
      routes: [
        ...[...this.httpRoutes.values()].map((r) => ({
          name: r.name,
          protocol: 'http',
          listen: r.address(),
          upstream: r.config.upstream,
          captureRate: r.captureRate,
          shadow: r.shadow ? { upstream: r.shadow.upstream, fraction: r.shadow.fraction, includeUnsafeMethods: r.shadow.includeUnsafeMethods, ...r.shadow.stats } : null,
          ...r.stats,
        })),
        ...[...this.tcpProxies.values()].map((p) => ({
          name: p.name,
          protocol: 'tcp',
          listen: p.config.listen,
          upstream: p.config.upstream,
          enabled: p.config.enabled,
          connections: p.connectionCount(),
        })),
      ],
      faults: this.registry.list().map((f) => f.view()),
      captures: this.shipper?.view() ?? null,
    };
  }

  setCapture(routeName: string, body: unknown) {
    const route = this.httpRoute(routeName);
    const { sampleRate } = parseBody(
      z.strictObject({ sampleRate: z.number({ error: 'sampleRate is required' }).min(0, 'sampleRate must be between 0 and 1').max(1, 'sampleRate must be between 0 and 1') }),
      body,
    );
    if (sampleRate > 0 && !this.shipper) throw new AgentError(409, 'capture needs dashboard.url in the agent config (captures are shipped there)');
    route.captureRate = sampleRate;
    return { route: route.name, sampleRate };
  }

  setShadow(routeName: string, body: unknown) {
    const route = this.httpRoute(routeName);
    if (!route.shadow) throw new AgentError(409, `route ${routeName} has no shadow upstream configured (routes[].shadow.upstream)`);
    const spec = parseBody(
      z.strictObject({
        fraction: z.number({ error: 'fraction is required' }).min(0, 'fraction must be between 0 and 1').max(1, 'fraction must be between 0 and 1'),
        includeUnsafeMethods: z.boolean().optional(),
      }),
      body,
    );
    route.shadow.fraction = spec.fraction;
    if (spec.includeUnsafeMethods !== undefined) route.shadow.includeUnsafeMethods = spec.includeUnsafeMethods;
    return { route: route.name, upstream: route.shadow.upstream, fraction: route.shadow.fraction, includeUnsafeMethods: route.shadow.includeUnsafeMethods };
  }

  private httpRoute(name: string): HttpRoute {
    const route = this.httpRoutes.get(name);
    if (!route) throw new AgentError(404, `no HTTP route named "${name}" is configured`);
    return route;
  }
}

function normalise(hostPort: string): string {
  const parsed = parseHostPort(hostPort);
  return parsed ? formatHostPort(parsed) : hostPort;
}
