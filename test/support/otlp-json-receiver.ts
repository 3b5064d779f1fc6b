// A loopback OTLP/HTTP receiver standing in for the dashboard in the agent's tests: collects the spans the
// agent exports (POST /v1/traces, JSON or protobuf as the dashboard accepts them; the agent sends protobuf) and
// the capture batches it ships (POST /api/agent-captures, JSON).
import { createServer } from 'node:http';
import { decodeOtlpTraceProto } from '@/lib/domain/otlp/decode-otlp-proto';

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  attributes: Record<string, string | number | boolean>;
  links: { traceId: string; spanId: string }[];
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}

function otlpValue(value: OtlpValue): string | number | boolean {
  return value.stringValue ?? value.boolValue ?? Number(value.intValue ?? value.doubleValue);
}

export async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const captures: unknown[] = [];
  const headers: Record<string, string | string[] | undefined>[] = [];
  let down = false;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (down) return void res.writeHead(503).end();
    headers.push(req.headers);
    if (req.url === '/v1/traces' && req.headers['content-type'] === 'application/x-protobuf') {
      for (const rs of decodeOtlpTraceProto(Buffer.concat(chunks)).resourceSpans)
        for (const ss of rs.scopeSpans)
          for (const s of ss.spans)
            spans.push({
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId,
              name: s.name,
              statusCode: s.statusCode,
              attributes: Object.fromEntries(Object.entries(s.attributes).map(([key, value]) => [key, otlpValue(value as OtlpValue)])),
              links: s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
            });
      return void res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (req.url === '/v1/traces') {
      for (const rs of body.resourceSpans ?? [])
        for (const ss of rs.scopeSpans ?? [])
          for (const s of ss.spans ?? [])
            spans.push({
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId ?? '',
              name: s.name,
              statusCode: s.status?.code ?? 0,
              attributes: Object.fromEntries((s.attributes ?? []).map((a: { key: string; value: OtlpValue }) => [a.key, otlpValue(a.value)])),
              links: (s.links ?? []).map((l: { traceId: string; spanId: string }) => ({ traceId: l.traceId, spanId: l.spanId })),
            });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } else if (req.url === '/api/agent-captures') {
      captures.push(...(body.captures ?? []));
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: body.captures?.length ?? 0 }));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    captures,
    headers,
    setDown(value: boolean) {
      down = value;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}
