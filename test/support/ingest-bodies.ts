// Small builders of ingest bodies for the hardening tests: OTLP JSON spans and logs, Zipkin v2 spans and Loki
// JSON pushes, with every field overridable so a test can put a poison value anywhere.
import { randomBytes } from 'node:crypto';

export const hex = (bytes: number) => randomBytes(bytes).toString('hex');
export const nowNs = () => BigInt(Date.now()) * 1_000_000n;

export interface JsonSpanOptions {
  traceId?: string;
  spanId?: string;
  service?: string;
  span?: Record<string, unknown>;
  resourceAttributes?: unknown[];
}

/** An OTLP JSON ExportTraceServiceRequest with one span (fields of `span` override the defaults). */
export function otlpJsonTrace(o: JsonSpanOptions = {}): Record<string, unknown> {
  const start = nowNs() - 1_000_000_000n;
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: o.service ?? 'svc' } }, ...(o.resourceAttributes ?? [])] },
        scopeSpans: [
          {
            scope: { name: 'hardening' },
            spans: [
              {
                traceId: o.traceId ?? hex(16),
                spanId: o.spanId ?? hex(8),
                name: 'op',
                kind: 2,
                startTimeUnixNano: String(start),
                endTimeUnixNano: String(start + 5_000_000n),
                attributes: [{ key: 'k', value: { stringValue: 'v' } }],
                ...o.span,
              },
            ],
          },
        ],
      },
    ],
  };
}

export function otlpJsonLogs(record: Record<string, unknown> = {}, service = 'svc'): Record<string, unknown> {
  return {
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeLogs: [{ scope: { name: 'hardening' }, logRecords: [{ timeUnixNano: String(nowNs()), body: { stringValue: 'hello' }, ...record }] }],
      },
    ],
  };
}

export function zipkinSpans(span: Record<string, unknown> = {}): unknown[] {
  return [{ traceId: hex(16), id: hex(8), name: 'op', timestamp: Date.now() * 1000, duration: 10, localEndpoint: { serviceName: 'zsvc' }, ...span }];
}

export function lokiJsonPush(labels: Record<string, string>, line = 'hello', metadata?: Record<string, string>): Record<string, unknown> {
  return { streams: [{ stream: labels, values: [metadata ? [String(nowNs()), line, metadata] : [String(nowNs()), line]] }] };
}

export const INGEST_ROUTES = {
  traces: { path: '/v1/traces', type: 'application/json' },
  logs: { path: '/v1/logs', type: 'application/json' },
  zipkin: { path: '/api/v2/spans', type: 'application/json' },
  loki: { path: '/loki/api/v1/push', type: 'application/json' },
} as const;

export async function post(baseUrl: string, path: string, body: string | Uint8Array, contentType: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, text: await res.text() };
}
