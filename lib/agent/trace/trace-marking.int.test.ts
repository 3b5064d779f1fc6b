// Trace marking end to end: a client instrumented with the real OpenTelemetry SDK calls an upstream through
// the agent; the agent exports its spans over OTLP/HTTP to a loopback receiver (standing in for the
// dashboard). Faults at probability 0.5 land within binomial bounds, and the faulted requests' trace ids are
// exactly the agent spans carrying a fault attribute.
import { context, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAgent, startUpstream, type TestAgent, type Upstream } from '@/test/support/agent-harness';
import { startOtlpReceiver } from '@/test/support/otlp-json-receiver';

let upstream: Upstream;
let agent: TestAgent;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
const clientSpans = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(clientSpans)] });
const tracer = provider.getTracer('test-client');
const propagator = new W3CTraceContextPropagator();

beforeAll(async () => {
  upstream = await startUpstream();
  receiver = await startOtlpReceiver();
  agent = await startTestAgent({ dashboard: { url: receiver.url, token: 'dash-token' }, routes: [{ name: 'payment', protocol: 'http', upstream: upstream.url }] });
  await agent.call('PUT', '/tracehound/lease', { ttlMs: 60_000 });
});

afterAll(async () => {
  await agent?.stop();
  await upstream?.close();
  await receiver?.close();
});

/** One request under a fresh client span; returns the client span's ids and whether it was faulted. */
async function tracedCall(path: string) {
  const span = tracer.startSpan('client call');
  const carrier: Record<string, string> = {};
  propagator.inject(trace.setSpan(context.active(), span), carrier, { set: (c, k, v) => void ((c as Record<string, string>)[k] = v) });
  const response = await fetch(`${agent.routeUrl('payment')}${path}`, { headers: carrier });
  await response.arrayBuffer();
  span.end();
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId, status: response.status, faultHeader: response.headers.get('x-tracehound-fault') };
}

describe('trace marking', () => {
  it('keeps an unfaulted trace intact: upstream server span → agent span → client span', async () => {
    const before = upstream.seen.length;
    const call = await tracedCall('/ok');
    await agent.agent.tracer!.flush();
    const agentSpan = receiver.spans.find((s) => s.traceId === call.traceId)!;
    expect(agentSpan.parentSpanId).toBe(call.spanId);
    expect(agentSpan.attributes['tracehound.route']).toBe('payment');
    expect(agentSpan.attributes['tracehound.hop']).toBe(true);
    expect(agentSpan.attributes['tracehound.fault.type']).toBeUndefined();
    const forwarded = upstream.seen[before]!.traceparent as string;
    expect(forwarded).toBe(`00-${call.traceId}-${agentSpan.spanId}-01`);
    expect(receiver.headers.at(-1)!.authorization).toBe('Bearer dash-token');
  });

  it('faults at probability 0.5 over 1,000 requests land within binomial bounds, and exactly the faulted traces are marked', async () => {
    const created = await agent.call('POST', '/tracehound/routes/payment/faults', { type: 'error', status: 503, probability: 0.5, durationMs: 120_000, runId: 'run-42' });
    const faultId = (created.json as { id: string }).id;
    const results: Awaited<ReturnType<typeof tracedCall>>[] = [];
    for (let batch = 0; batch < 50; batch++) results.push(...(await Promise.all(Array.from({ length: 20 }, () => tracedCall('/pay')))));
    await agent.call('DELETE', `/tracehound/faults/${faultId}`);
    await agent.agent.tracer!.flush();

    const faulted = results.filter((r) => r.status === 503);
    expect(results.every((r) => (r.status === 503) === (r.faultHeader === `error; id=${faultId}`))).toBe(true);
    // n = 1000, p = 0.5: σ ≈ 15.8; ±6σ gives a false failure about once in 10⁹ runs.
    expect(faulted.length).toBeGreaterThanOrEqual(405);
    expect(faulted.length).toBeLessThanOrEqual(595);

    const ids = new Set(results.map((r) => r.traceId));
    const agentSpans = receiver.spans.filter((s) => ids.has(s.traceId));
    expect(agentSpans).toHaveLength(1000);
    const marked = agentSpans.filter((s) => s.attributes['tracehound.fault.type'] === 'error');
    expect(new Set(marked.map((s) => s.traceId))).toEqual(new Set(faulted.map((r) => r.traceId)));
    expect(marked.every((s) => s.attributes['tracehound.fault.id'] === faultId && s.attributes['tracehound.run.id'] === 'run-42')).toBe(true);
    // Error status only where the agent itself failed the request.
    expect(agentSpans.every((s) => s.statusCode === (s.attributes['tracehound.fault.type'] ? 2 : 0))).toBe(true);
    const parentOf = new Map(results.map((r) => [r.traceId, r.spanId]));
    expect(agentSpans.every((s) => s.parentSpanId === parentOf.get(s.traceId))).toBe(true);
    expect(clientSpans.getFinishedSpans().length).toBeGreaterThanOrEqual(1000);
  });

  it('exports its span when the caller gives up before the upstream answers, so the callee is not orphaned', async () => {
    const span = tracer.startSpan('client call with a timeout');
    const carrier: Record<string, string> = {};
    propagator.inject(trace.setSpan(context.active(), span), carrier, { set: (c, k, v) => void ((c as Record<string, string>)[k] = v) });
    const before = upstream.seen.length;
    await expect(fetch(`${agent.routeUrl('payment')}/delay/30000`, { headers: carrier, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    span.end();
    const { traceId, spanId } = span.spanContext();
    for (let i = 0; i < 100 && !receiver.spans.some((s) => s.traceId === traceId); i++) {
      await agent.agent.tracer!.flush();
      await new Promise((r) => setTimeout(r, 50));
    }
    const agentSpan = receiver.spans.find((s) => s.traceId === traceId);
    expect(agentSpan?.parentSpanId).toBe(spanId);
    expect(agentSpan?.attributes['tracehound.client.aborted']).toBe(true);
    // Exported at once, not when the upstream finally answers (30 s later), and the callee's server span
    // names the agent's span as its parent: both are in the trace.
    expect(upstream.seen[before]!.traceparent).toBe(`00-${traceId}-${agentSpan!.spanId}-01`);
  });

  it('records no span for a request without traceparent', async () => {
    const count = receiver.spans.length;
    expect((await fetch(`${agent.routeUrl('payment')}/plain`)).status).toBe(200);
    await agent.agent.tracer!.flush();
    expect(receiver.spans.length).toBe(count);
  });
});
