// An outgoing call to another demo service: a CLIENT span, W3C traceparent + baggage injected into the
// headers, and a hard timeout (AbortSignal) so the caller gives up exactly like a production client would.
import { context, propagation, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';

export interface CallResult {
  status: number;
  body: Record<string, unknown>;
}

export class CallTimeoutError extends Error {
  constructor(
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`call to ${url} timed out after ${timeoutMs} ms`);
  }
}

export async function callService(tracer: Tracer, peer: string, url: string, payload: unknown, timeoutMs: number): Promise<CallResult> {
  const target = new URL(url);
  const name = `POST ${target.pathname}`;
  return tracer.startActiveSpan(
    name,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': 'POST',
        'url.full': url,
        'server.address': target.hostname,
        'server.port': Number(target.port),
        'peer.service': peer,
      },
    },
    async (span) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      propagation.inject(context.active(), headers);
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
        span.setAttribute('http.response.status_code', res.status);
        if (res.status >= 400) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: `${peer} answered ${res.status}` });
          span.setAttribute('error.type', String(res.status));
        }
        return { status: res.status, body };
      } catch (error) {
        const timedOut = (error as Error).name === 'TimeoutError';
        const failure = timedOut ? new CallTimeoutError(url, timeoutMs) : (error as Error);
        span.recordException(failure);
        span.setAttribute('error.type', timedOut ? 'timeout' : 'connection');
        span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
        throw failure;
      } finally {
        span.end();
      }
    },
  );
}
