// /agents in real Chromium against the built app: a real agent (started here, on loopback) is registered
// through the API, shows as up with its route and an active fault, and the Halt button reverts the fault.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { CONTROL_TOKEN, startTestAgent, startUpstream, type TestAgent, type Upstream } from '../test/support/agent-harness';
import { AgentsPageObject } from './pages/agents-page';

let upstream: Upstream;
let agent: TestAgent;
const name = `e2e-agent-${randomBytes(3).toString('hex')}`;

test.beforeAll(async () => {
  upstream = await startUpstream();
  agent = await startTestAgent({ name, routes: [{ name: 'payment', protocol: 'http', upstream: upstream.url }] });
});

test.afterAll(async () => {
  await agent?.stop();
  await upstream?.close();
});

test('an operator sees an agent, its active fault, and halts it', async ({ page, request }) => {
  const registered = await request.post('/api/agents', { data: { name, url: agent.control, token: CONTROL_TOKEN, environment: 'staging' } });
  expect(registered.status()).toBe(201);
  await agent.call('PUT', '/tracehound/lease', { ttlMs: 30_000 });
  const fault = await agent.call('POST', '/tracehound/routes/payment/faults', { type: 'error', status: 503, durationMs: 120_000 });
  expect(fault.status).toBe(201);

  const agents = new AgentsPageObject(page);
  await agents.open();
  const row = agents.row(name);
  await expect(row).toContainText('up (v');
  await expect(row).toContainText('staging');
  await expect(row).toContainText('payment');
  await expect(agents.faults(name)).toHaveCount(1);
  await expect(agents.faults(name)).toContainText('error on payment');

  await agents.halt(name);
  await expect(agents.faults(name)).toHaveCount(0);
  expect(agent.agent.registry.list()).toEqual([]);
  expect((await fetch(`${agent.routeUrl('payment')}/x`)).status).toBe(200);

  expect((await request.delete(`/api/agents/${name}`)).status()).toBe(204);
});
