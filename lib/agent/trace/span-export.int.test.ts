// The agent's spans are encoded as they end and sent in OTLP requests of up to 512 spans: a full request goes at
// once, the rest on flush (or after a second), each span exactly once and in the order the spans ended.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeOtlpTraceProto } from '@/lib/domain/otlp/decode-otlp-proto';
import { AgentTracer } from './agent-tracer';

let server: Server;
const bodies: Buffer[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('AgentTracer export', () => {
  it('sends 600 ended spans as a request of 512 at once and the other 88 on flush, each span once, in order', async () => {
    const { port } = server.address() as AddressInfo;
    const tracer = new AgentTracer({ otlpUrl: `http://127.0.0.1:${port}/v1/traces`, headers: {}, agentName: 'agent-1' });
    const ended: string[] = [];
    for (let i = 0; i < 600; i++) {
      const span = tracer.startProxySpan({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }, `GET payment ${i}`, { 'url.path': `/pay/${i % 7}` })!;
      span.span.setAttribute('http.response.status_code', 200 + (i % 3));
      span.span.end();
      ended.push(span.spanId);
    }
    // The first 512 went out when the 512th ended; the remainder waits for the flush.
    await expect.poll(() => bodies.length).toBe(1);
    await tracer.flush();
    expect(bodies).toHaveLength(2);
    const spans = bodies.map((body) => decodeOtlpTraceProto(body).resourceSpans[0]!.scopeSpans[0]!.spans);
    expect(spans.map((s) => s.length)).toEqual([512, 88]);
    const all = spans.flat();
    expect(all.map((s) => s.spanId)).toEqual(ended);
    expect(all.map((s) => s.name)).toEqual(ended.map((_, i) => `GET payment ${i}`));
    expect(all[599]!.attributes).toEqual({ 'url.path': { stringValue: '/pay/4' }, 'http.response.status_code': { intValue: '202' } });
    await tracer.shutdown();
    expect(bodies).toHaveLength(2);
  });
});
