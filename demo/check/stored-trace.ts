// Reads a stored trace back from a running Tracehound (GET /api/traces/{traceId}, the compact payload of
// issue 3) and turns it into the span records the analysis engine takes. Only the fields analysis reads are
// picked here from the payload's own types, so this keeps working as the payload grows and cannot drift from it.
import type { SpanRecord } from '../../lib/domain/model/span';
import type { TracePayload, TracePayloadResource, TracePayloadSpan } from '../../lib/domain/model/trace-payload';

type PayloadSpan = Pick<TracePayloadSpan, 'spanId' | 'parentSpanId' | 'name' | 'kind' | 'startTimeUnixNano' | 'endTimeUnixNano' | 'statusCode' | 'statusMessage' | 'resourceIndex'>;

export interface StoredTracePayload extends Pick<TracePayload, 'traceId'> {
  resources: Pick<TracePayloadResource, 'serviceName' | 'host'>[];
  spans: PayloadSpan[];
}

export type StoredSpan = Pick<SpanRecord, 'traceId' | 'spanId' | 'parentSpanId' | 'name' | 'kind' | 'serviceName' | 'startTimeUnixNano' | 'endTimeUnixNano' | 'statusCode' | 'statusMessage' | 'host'>;

/** The trace, or null when Tracehound does not have it (404). Reading needs an API token of the viewer role. */
export async function fetchStoredTrace(target: string, traceId: string, token: string | undefined): Promise<StoredTracePayload | null> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(new URL(`/api/traces/${traceId}`, target), { headers, signal: AbortSignal.timeout(30_000) });
      if (res.status === 401) throw new Error('Tracehound needs an API token to read traces: pass --token or set TRACEHOUND_TOKEN (npx tracehound tokens create --name demo --role viewer)');
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`GET /api/traces/${traceId} answered ${res.status}`);
      return (await res.json()) as StoredTracePayload;
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

export function toStoredSpans(payload: StoredTracePayload): StoredSpan[] {
  return payload.spans.map((span) => {
    const resource = payload.resources[span.resourceIndex];
    return {
      traceId: payload.traceId,
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      name: span.name,
      kind: span.kind,
      serviceName: resource?.serviceName ?? 'unknown',
      startTimeUnixNano: BigInt(span.startTimeUnixNano),
      endTimeUnixNano: BigInt(span.endTimeUnixNano),
      statusCode: span.statusCode,
      statusMessage: span.statusMessage,
      host: resource?.host ?? { id: null, name: null, ip: null, serviceInstanceId: null },
    };
  });
}
