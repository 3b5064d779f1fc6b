import { execFileSync } from 'node:child_process';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { e2eDatabaseUrl } from './support/e2e-database-url';
import { E2E_TRACE_ID } from './support/e2e-traces';
import { TracePageObject } from './pages/trace-page';

// Page object for /logs.
class LogsPage {
  constructor(readonly page: Page) {}
  async open(query = '') {
    await this.page.goto(query ? `/logs?${new URLSearchParams({ query, from: 'now-1h', to: 'now' })}` : '/logs');
    // Typing before hydration is lost: a run under load once pressed Enter on a page React did not own yet.
    await this.page.locator('.logs-page[data-hydrated="true"]').waitFor();
  }
  queryBox() {
    return this.page.getByLabel('LogQL query');
  }
  async run(query: string) {
    await this.queryBox().fill(query);
    await this.queryBox().press('Enter');
  }
  lines() {
    return this.page.getByTestId('log-lines').locator('li');
  }
  histogram() {
    return this.page.getByTestId('logs-histogram');
  }
}

const TRACE = '7c1f0e4bd1b5a3a2e6f9c8d7b6a5f4e3';
const XSS = '<img src=x onerror="window.__xss=1"> injected';

async function pushLines(request: APIRequestContext) {
  const now = BigInt(Date.now()) * 1_000_000n;
  const res = await request.post('/loki/api/v1/push', {
    headers: { 'content-type': 'application/json' },
    data: {
      streams: [
        {
          stream: { app: 'e2e-shop', env: 'test' },
          values: [
            [String(now - 120_000_000_000n), `level=error msg="payment failed" trace_id=${TRACE}`],
            [String(now - 60_000_000_000n), 'level=info msg="cart viewed"', { user: 'ada' }],
            [String(now - 30_000_000_000n), XSS],
          ],
        },
      ],
    },
  });
  expect(res.status()).toBe(204);
}

test('logs page: query, labels, trace links, text-only lines, history, histogram zoom', async ({ page, request }) => {
  await pushLines(request);
  const logs = new LogsPage(page);
  await logs.open();
  await logs.run('{app="e2e-shop"}');
  await expect(page).toHaveURL(/query=%7Bapp%3D%22e2e-shop%22%7D/);
  await expect(logs.lines()).toHaveCount(3);

  // Labels and structured metadata are shown; the trace id in the line links to the trace page.
  const failed = logs.lines().filter({ hasText: 'payment failed' });
  await expect(failed.getByText('app=e2e-shop')).toBeVisible();
  await expect(failed.getByRole('link', { name: TRACE })).toHaveAttribute('href', `/traces/${TRACE}`);
  await expect(logs.lines().filter({ hasText: 'cart viewed' }).getByText('user=ada')).toBeVisible();

  // Untrusted text stays text.
  await expect(logs.lines().filter({ hasText: 'injected' })).toContainText('<img src=x onerror=');
  await expect(page.locator('.log-lines img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // A narrower query, then history remembers both.
  await logs.run('{app="e2e-shop"} | logfmt | level="error"');
  await expect(logs.lines()).toHaveCount(1);
  const history = await page.evaluate(() => localStorage.getItem('tracehound.logql.history'));
  expect(JSON.parse(history ?? '[]')).toEqual(['{app="e2e-shop"} | logfmt | level="error"', '{app="e2e-shop"}']);

  // Unsupported LogQL explains itself.
  await logs.run('{app="e2e-shop"} | unpack');
  await expect(page.getByTestId('logs-error')).toContainText('the "| unpack" stage is not supported');
  // A caret under the offending stage, as under TraceQL errors.
  const [queryLine, caretLine] = (await page.getByTestId('logs-error').locator('pre').innerText()).split('\n');
  expect(queryLine).toBe('{app="e2e-shop"} | unpack');
  expect(caretLine!.trim()).toBe('^');
  expect(['|', 'u']).toContain(queryLine![caretLine!.indexOf('^')]);

  // Histogram: drag across the right half to zoom; the URL gets an absolute range.
  await logs.run('{app="e2e-shop"}');
  await expect(logs.histogram()).toBeVisible();
  await expect(page.getByText('3 matching lines')).toBeVisible();
  const box = await logs.histogram().boundingBox();
  if (!box) throw new Error('histogram has no box');
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.99, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/from=\d{13}&to=\d{13}/);
  const url = new URL(page.url());
  const span = Number(url.searchParams.get('to')) - Number(url.searchParams.get('from'));
  expect(span).toBeGreaterThan(20 * 60_000);
  expect(span).toBeLessThan(31 * 60_000);
  await expect(page.getByTestId('time-range-button')).toContainText('UTC');
  await expect(logs.lines()).toHaveCount(3);
});

test("a span's Loki lines show on the trace page", async ({ page, request }) => {
  // The e2e trace (seeded idempotently, as trace-page.spec does) and a Loki line for its "POST /cart" span.
  execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'e2e/support/seed-e2e-traces.ts'], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
    stdio: 'inherit',
  });
  const cartSpan = '0000000000000002';
  const res = await request.post('/loki/api/v1/push', {
    headers: { 'content-type': 'application/json' },
    data: {
      streams: [
        {
          stream: { app: 'cart' },
          values: [[`${Date.now()}000000`, 'cart updated <b>3 items</b>', { trace_id: E2E_TRACE_ID, span_id: cartSpan }]],
        },
      ],
    },
  });
  expect(res.status()).toBe(204);
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  await trace.row('POST /cart').click();
  await expect(page.getByTestId('span-logs')).toContainText('cart updated <b>3 items</b>');
});
