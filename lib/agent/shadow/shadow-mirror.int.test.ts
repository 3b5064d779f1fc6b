// Shadowing over real HTTP: mirrored requests reach the shadow upstream in a new trace linked to the
// original (span link + baggage), both exchanges are captured, unsafe methods are skipped unless the route
// allows them, and a dead shadow upstream never fails the primary response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAgent, startUpstream, type TestAgent, type Upstream } from '@/test/support/agent-harness';
import { startOtlpReceiver } from '@/test/support/otlp-json-receiver';

let primary: Upstream;
let shadow: Upstream;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let agent: TestAgent;

beforeAll(async () => {
  primary = await startUpstream();
  shadow = await startUpstream();
  receiver = await startOtlpReceiver();
  agent = await startTestAgent({
    dashboard: { url: receiver.url },
    // No capture sampling of its own: mirrored requests are captured anyway, primary and copy.
    routes: [{ name: 'inventory', protocol: 'http', upstream: primary.url, shadow: { upstream: shadow.url, fraction: 1 } }],
  });
});

afterAll(async () => {
  await agent?.stop();
  await Promise.all([primary?.close(), shadow?.close(), receiver?.close()]);
});

async function settle(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

type Capture = { traceId: string | null; shadowOf: string | null; response: { status: number } | null; request: { method: string; url: string } };

describe('shadowing', () => {
  it('mirrors a request into a new trace linked to the original, and captures both exchanges', async () => {
    const traceId = '1f'.repeat(16);
    const response = await fetch(`${agent.routeUrl('inventory')}/stock/42`, { headers: { traceparent: `00-${traceId}-${'2e'.repeat(8)}-01` } });
    expect(response.status).toBe(200);
    await settle(() => shadow.seen.length > 0);
    expect(shadow.seen).toHaveLength(1);
    const mirrored = shadow.seen[0]!;
    expect(mirrored.baggage).toBe(`tracehound.shadow.of=${traceId}`);
    const shadowTrace = (mirrored.traceparent as string).split('-')[1];
    expect(shadowTrace).not.toBe(traceId);

    await agent.agent.tracer!.flush();
    await agent.agent.shipper!.flush();
    const shadowSpan = receiver.spans.find((s) => s.traceId === shadowTrace)!;
    expect(shadowSpan.attributes['tracehound.shadow.of']).toBe(traceId);
    const original = receiver.spans.find((s) => s.traceId === traceId)!;
    expect(shadowSpan.links).toEqual([{ traceId, spanId: original.spanId }]);

    const captures = receiver.captures as Capture[];
    const primaryCapture = captures.find((c) => c.traceId === traceId)!;
    const shadowCapture = captures.find((c) => c.shadowOf === traceId)!;
    expect([primaryCapture.response?.status, shadowCapture.response?.status, shadowCapture.traceId, shadowCapture.request.url]).toEqual([200, 200, shadowTrace, '/stock/42']);
  });

  it('does not mirror unsafe methods unless the route allows them', async () => {
    const before = shadow.seen.length;
    await fetch(`${agent.routeUrl('inventory')}/reserve`, { method: 'POST', body: 'x' }).then((r) => r.arrayBuffer());
    await fetch(`${agent.routeUrl('inventory')}/probe`).then((r) => r.arrayBuffer());
    await settle(() => shadow.seen.length > before);
    expect(shadow.seen.slice(before).map((h) => h['content-length'] ?? 'none')).toEqual(['none']);

    await agent.call('PUT', '/tracehound/routes/inventory/shadow', { fraction: 1, includeUnsafeMethods: true });
    await fetch(`${agent.routeUrl('inventory')}/reserve`, { method: 'POST', body: 'xyz' }).then((r) => r.arrayBuffer());
    await settle(() => shadow.seen.length > before + 1);
    expect(shadow.seen.at(-1)!['content-length']).toBe('3');
    await agent.call('PUT', '/tracehound/routes/inventory/shadow', { fraction: 1, includeUnsafeMethods: false });
  });

  it('never fails the primary when the shadow upstream is down', async () => {
    const dead = await startTestAgent({ routes: [{ name: 'r', protocol: 'http', upstream: primary.url, shadow: { upstream: 'http://127.0.0.1:1', fraction: 1 } }] }, { tracer: null });
    try {
      const statuses = await Promise.all(Array.from({ length: 10 }, () => fetch(`${dead.routeUrl('r')}/ok`).then(async (r) => (await r.arrayBuffer(), r.status))));
      expect(statuses).toEqual(Array(10).fill(200));
      const route = dead.agent.httpRoutes.get('r')!;
      await settle(() => route.shadow!.stats.failed === 10);
      expect(route.shadow!.stats).toEqual({ mirrored: 0, skipped: 0, failed: 10 });
    } finally {
      await dead.stop();
    }
  });

  it('refuses shadow settings for a route without a configured shadow upstream', async () => {
    const plain = await startTestAgent({ routes: [{ name: 'p', protocol: 'http', upstream: primary.url }] }, { tracer: null });
    try {
      const res = await plain.call('PUT', '/tracehound/routes/p/shadow', { fraction: 0.5 });
      expect([res.status, (res.json as { error: { message: string } }).error.message]).toEqual([409, 'route p has no shadow upstream configured (routes[].shadow.upstream)']);
    } finally {
      await plain.stop();
    }
  });
});
