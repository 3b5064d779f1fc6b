// An outgoing HTTP call with a CLIENT span as generic HTTP instrumentations record it: named by method only
// (`POST`), the target in url.full / server.address / server.port, the response status when there was one.
// A call that hits its deadline is aborted; how the failure is recorded varies between instrumentations, so
// the recorder can choose: `error-type` (error.type = "timeout") or `exception` (only an exception event).
import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { injectHeaders } from './http-service';

export interface CallOptions {
  timeoutMs?: number;
  timeoutStyle?: 'error-type' | 'exception';
  /** Span name; default the method alone, as generic instrumentations do. */
  name?: string;
}

export interface CallResult {
  status: number;
  body: Record<string, unknown>;
}

export async function callHttp(tracer: Tracer, url: string, payload: unknown, options: CallOptions = {}): Promise<CallResult> {
  const target = new URL(url);
  const span = tracer.startSpan(options.name ?? 'POST', {
    kind: SpanKind.CLIENT,
    attributes: { 'http.request.method': 'POST', 'url.full': url, 'server.address': target.hostname, 'server.port': Number(target.port) },
  });
  return context.with(trace.setSpan(context.active(), span), async () => {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: injectHeaders({ 'content-type': 'application/json', connection: 'close' }),
        body: JSON.stringify(payload ?? {}),
        signal: options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
      });
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      span.setAttribute('http.response.status_code', res.status);
      if (res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      return { status: res.status, body };
    } catch (error) {
      const err = error as Error;
      span.recordException(err);
      if (err.name === 'TimeoutError' && options.timeoutStyle !== 'exception') span.setAttribute('error.type', 'timeout');
      span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
      throw err;
    } finally {
      span.end();
    }
  });
}
