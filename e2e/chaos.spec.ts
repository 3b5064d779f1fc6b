// /chaos in real Chromium against the built app: a real agent in front of a real upstream ships its spans to
// the app; an operator enters an experiment (100% errors on payment, a stop condition on the agent's error
// ratio) and starts it; the run page shows it aborted by the stop condition with faulted traces, the fault
// is gone (requests succeed again) and the audit trail has the start and the abort.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { CONTROL_TOKEN, startTestAgent, startUpstream, type TestAgent, type Upstream } from '../test/support/agent-harness';
import { E2E_ADMIN_TOKEN } from '../playwright.config';
import { ChaosPageObject } from './pages/chaos-page';

let upstream: Upstream;
let agent: TestAgent;
const name = `e2e-chaos-${randomBytes(3).toString('hex')}`;

test.beforeAll(async () => {
  upstream = await startUpstream();
  const port = Number(process.env.E2E_PORT ?? 3100);
  agent = await startTestAgent({ name, dashboard: { url: `http://127.0.0.1:${port}`, token: E2E_ADMIN_TOKEN }, routes: [{ name: 'payment', protocol: 'http', upstream: upstream.url }] });
});

test.afterAll(async () => {
  await agent?.stop();
  await upstream?.close();
});

async function tracedRequest(): Promise<number> {
  const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
  const response = await fetch(`${agent.routeUrl('payment')}/pay`, { headers: { traceparent } });
  await response.arrayBuffer();
  return response.status;
}

test('a stop condition read from the traces aborts a run started in the browser; the fault is gone afterwards', async ({ page, request }) => {
  expect((await request.post('/api/agents', { data: { name, url: agent.control, token: CONTROL_TOKEN, environment: 'staging' } })).status()).toBe(201);
  const selection = `{ resource.service.name = "tracehound-agent" && span.tracehound.route = "payment" }`;
  const chaos = new ChaosPageObject(page);
  await chaos.open();
  await chaos.enterExperiment({
    name: `payment errors ${name}`,
    hypothesis: { indicators: [{ name: 'payment errors', selection, metric: 'error_ratio', max: 0.05 }] },
    method: [],
    durationSeconds: 60,
    stopConditions: [{ name: 'payment error ratio', selection, metric: 'error_ratio', operator: '>', threshold: 0.2, windowSeconds: 10, minSpans: 5 }],
    recoverySeconds: 1,
  });
  // The method comes from the form: 503 on every request to the agent's payment route.
  await expect(page.getByRole('status')).toContainText('method: needs at least one fault');
  await chaos.addFault({ agent: name, route: 'payment', type: 'error', amount: 503, percent: 100 });
  await chaos.expectValid();
  const runId = await chaos.start();
  await expect(chaos.run()).toHaveAttribute('data-status', 'injecting');
  await expect(page.getByRole('button', { name: /HALT/ })).toBeVisible();
  expect(agent.agent.registry.list().map((f) => f.type)).toEqual(['error']);
  // Any page shows the Halt all banner while the run is active (no traffic yet, so nothing can abort it).
  const other = await page.context().newPage();
  await other.goto('/agents');
  await expect(other.getByRole('alert').filter({ hasText: '1 chaos run active' })).toBeVisible();
  await expect(other.getByRole('button', { name: 'Halt all' })).toBeVisible();
  await other.close();

  // Traffic through the agent until the page shows the abort (bounded: 80 rounds).
  const statuses: number[] = [];
  for (let i = 0; i < 80 && (await chaos.run().getAttribute('data-status')) !== 'aborted'; i++) {
    for (let j = 0; j < 5; j++) statuses.push(await tracedRequest());
    await agent.agent.tracer!.flush();
    await page.waitForTimeout(250);
  }
  await expect(chaos.run()).toHaveAttribute('data-status', 'aborted');
  expect(statuses).toContain(503);
  await expect(chaos.run()).toContainText('Aborted: stop condition "payment error ratio" breached');
  await expect(page.getByRole('heading', { name: /^Faulted traces \([1-9]\d*\)$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /HALT/ })).toHaveCount(0);
  // The analysis engine on the faulted traces: the injected error is a root cause, with an example trace link.
  await expect(page.locator('tr[data-finding="root-cause-error"]')).toContainText('only under the fault');
  await expect(page.locator('tr[data-finding="root-cause-error"] a')).toContainText('injected error');

  expect(agent.agent.registry.list()).toEqual([]);
  expect(await tracedRequest()).toBe(200);

  const audit = await (await request.get('/api/audit?action=chaos.&limit=200')).json();
  const actions = (audit.entries as { action: string; target: string | null; outcome: string }[]).filter((e) => e.target === runId).map((e) => `${e.action}:${e.outcome}`);
  expect(actions.sort()).toEqual(['chaos.run.abort:success', 'chaos.run.start:success']);

  // The result page's entry point to /compare (issue #16): the run's faulted traces, found by the run id the agent
  // marked them with, against every trace of the baseline window before the injection.
  await page.getByRole('link', { name: 'the faulted traces with the baseline window' }).click();
  await expect(page).toHaveURL(/\/compare\?mode=sets&/);
  await expect(page.getByTestId('set-comparison')).toContainText(/Selection: [1-9]\d* traces/);
});
