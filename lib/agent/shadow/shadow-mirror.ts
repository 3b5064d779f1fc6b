// Traffic shadowing: a fraction of a route's requests is sent again, in the background, to a shadow
// upstream after the primary exchange is done, so it can never delay or fail the primary response. The copy
// runs in a new trace linked to the original (span link + baggage tracehound.shadow.of=<trace id>), and
// its exchange is captured with shadowOf set, for comparison with the primary's capture. Unsafe methods are
// mirrored only when the route says so; bodies larger than the capture cap are not mirrored (the copy would
// differ); at most `maxInFlight` copies run at once and the rest are skipped and counted.
import type { IncomingMessage } from 'node:http';
import { Pool } from 'undici';
import type { HttpRouteConfig } from '../config/agent-config';
import { BodyTap } from '../capture/body-tap';
import type { CaptureShipper } from '../capture/capture-shipper';
import { AgentTracer, type AgentSpan } from '../trace/agent-tracer';
import { upstreamRequestHeaders } from '../http/proxy-headers';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ShadowDeps {
  agentName: string;
  tracer: AgentTracer | null;
  shipper: CaptureShipper | null;
  maxCaptureBodyBytes: number;
}

export interface ShadowStats {
  mirrored: number;
  skipped: number;
  failed: number;
}

export class ShadowMirror {
  fraction: number;
  includeUnsafeMethods: boolean;
  readonly upstream: string;
  readonly stats: ShadowStats = { mirrored: 0, skipped: 0, failed: 0 };
  private readonly pool: Pool;
  private inFlight = 0;

  constructor(
    private readonly route: string,
    config: NonNullable<HttpRouteConfig['shadow']>,
    private readonly deps: ShadowDeps,
    private readonly maxInFlight = 64,
  ) {
    this.upstream = config.upstream;
    this.fraction = config.fraction;
    this.includeUnsafeMethods = config.includeUnsafeMethods;
    this.pool = new Pool(new URL(config.upstream).origin, { connections: 16, headersTimeout: 10_000, bodyTimeout: 10_000 });
  }

  roll(method: string): boolean {
    if (this.fraction <= 0) return false;
    if (!SAFE_METHODS.has(method) && !this.includeUnsafeMethods) return false;
    return Math.random() < this.fraction;
  }

  send(req: IncomingMessage, url: string, requestBody: BodyTap, original: AgentSpan | null): void {
    if (requestBody.truncated || this.inFlight >= this.maxInFlight) {
      this.stats.skipped++;
      return;
    }
    this.inFlight++;
    void this.mirror(req.method ?? 'GET', url, { ...req.headers }, requestBody.bytes(), original).finally(() => this.inFlight--);
  }

  private async mirror(method: string, url: string, headers: IncomingMessage['headers'], body: Buffer, original: AgentSpan | null): Promise<void> {
    const startedAt = Date.now();
    const t0 = performance.now();
    const span =
      original && this.deps.tracer ? this.deps.tracer.startLinkedRoot(`shadow ${method} ${this.route}`, original, { 'tracehound.route': this.route, 'tracehound.shadow.of': original.traceId }) : null;
    const propagation: Record<string, string> = { ...(span?.propagation ?? {}) };
    if (original) propagation.baggage = `tracehound.shadow.of=${original.traceId}`;
    if (!span) {
      // No trace to link to: never reuse the caller's trace context for the copy.
      delete headers.traceparent;
      delete headers.tracestate;
    }
    const responseTap = new BodyTap(this.deps.maxCaptureBodyBytes);
    let response: { status: number; headers: Record<string, string | string[] | undefined>; body: BodyTap } | null = null;
    let error: string | null = null;
    try {
      const result = await this.pool.request({ method: method as 'GET', path: url, headers: upstreamRequestHeaders(headers, propagation), body: body.length ? body : undefined });
      for await (const chunk of result.body) responseTap.record(chunk as Buffer);
      response = { status: result.statusCode, headers: result.headers, body: responseTap };
      this.stats.mirrored++;
    } catch (caught) {
      error = `shadow upstream ${this.upstream} failed: ${(caught as { code?: string }).code ?? (caught as Error).message}`;
      this.stats.failed++;
    }
    if (span) {
      if (response) span.span.setAttribute('http.response.status_code', response.status);
      if (error) AgentTracer.fail(span.span, error);
      span.span.end();
    }
    const requestTap = new BodyTap(this.deps.maxCaptureBodyBytes);
    requestTap.record(body);
    this.deps.shipper?.enqueue({
      agent: this.deps.agentName,
      route: this.route,
      shadowOf: original?.traceId ?? null,
      trace: span,
      faultId: null,
      startedAt,
      durationMs: performance.now() - t0,
      method,
      url,
      requestHeaders: headers,
      requestBody: requestTap,
      response,
      error,
    });
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
