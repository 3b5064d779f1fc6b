// The demo shop with its agent: the services call each other through the agent's routes, the agent is
// registered with the dashboard routes (served over real HTTP on a real database), and an order's exchanges
// on gateway → inventory, inventory → pricing and gateway → payment arrive as captures of the order's trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { startRouteServer, type RouteServer } from '@/test/support/route-server';
import type { Database } from '@/lib/server/db/database';
import { startShop, type RunningShop } from './start-shop';

let testDb: TestDatabase;
let dashboard: RouteServer;
let db: Database;
let shop: RunningShop | undefined;

beforeAll(async () => {
  testDb = await createTestDatabase('th_agent_demo');
  process.env.DATABASE_URL = testDb.url;
  process.env.DB_POOL_SIZE = '3';
  // The route handlers are called as the anonymous admin (accounts are not what these tests are about).
  process.env.AUTH_MODE = 'off';
  db = await (await import('@/lib/server/db/get-database')).getDatabase();
  dashboard = await startRouteServer({
    '/api/agents': await import('@/app/api/agents/route'),
    '/api/agents/[name]': await import('@/app/api/agents/[name]/route'),
    '/api/agent-captures': await import('@/app/api/agent-captures/route'),
    // The services' own OTLP export is not what this test is about: accept and drop it.
    '/v1/traces': { POST: async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }) },
    '/v1/logs': { POST: async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }) },
  });
  shop = await startShop({ target: dashboard.url, skewMs: 0, agent: true });
}, 120_000);

afterAll(async () => {
  await shop?.stop();
  await dashboard?.close();
  await db?.close();
  await testDb?.drop();
});

describe('demo shop with the agent', () => {
  it('registers the agent and captures every hop of an order in its trace', async () => {
    const agents = (await (await fetch(`${dashboard.url}/api/agents`)).json()) as { agents: { name: string; reachable: boolean; status: { routes: { name: string }[] } }[] };
    expect(agents.agents.map((a) => [a.name, a.reachable])).toEqual([['demo-agent', true]]);
    expect(agents.agents[0]!.status.routes.map((r) => r.name)).toEqual(['payment', 'inventory', 'pricing', 'payment-skewed-tcp']);

    const order = await fetch(`${shop!.gatewayUrl}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ product_id: 'sku-1', amount: 20, user: 'u1' }),
    });
    expect(order.status).toBe(200);
    const { trace_id: traceId } = (await order.json()) as { trace_id: string };

    let routes: string[] = [];
    for (let i = 0; i < 100 && routes.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const { captures } = (await (await fetch(`${dashboard.url}/api/agent-captures?traceId=${traceId}`)).json()) as { captures: { route: string }[] };
      routes = captures.map((c) => c.route).sort();
    }
    expect(routes).toEqual(['inventory', 'payment', 'pricing']);
  });
});
