// The trace's Logs view: every line of the trace on the corrected timeline with its raw time beside it, linked
// to its span, filterable to a span and its descendants, with a link to /logs; a server span without lines of
// its own shows its descendants' lines.
import { expect, test } from '@playwright/test';
import { TracePageObject } from './pages/trace-page';
import { sendE2eTraces } from './support/send-e2e-traces';
import { E2E_TRACE_ID } from './support/e2e-traces';

// The e2e trace's base (e2e/support/e2e-traces.ts): midnight UTC today.
const BASE = BigInt(Math.floor(Date.now() / 86_400_000) * 86_400_000) * 1_000_000n;
const MS = 1_000_000n;
const DB_LINE = 'trace-logs e2e: cart query waited on a lock';
// charge card (0000000000000005) runs on pay-host, whose clock is 80 ms ahead: its line moves with it.
const CHARGE_LINE = 'trace-logs e2e: <b>card</b> declined by processor';

test.beforeAll(async ({ request }) => {
  await sendE2eTraces(request);
  const response = await request.post('/loki/api/v1/push', {
    headers: { 'content-type': 'application/json' },
    data: {
      streams: [
        {
          stream: { app: 'e2e-trace-logs' },
          values: [
            [String(BASE + 30n * MS), DB_LINE, { trace_id: E2E_TRACE_ID, span_id: '0000000000000003' }],
            [String(BASE + 200n * MS), CHARGE_LINE, { trace_id: E2E_TRACE_ID, span_id: '0000000000000005' }],
          ],
        },
      ],
    },
  });
  expect(response.status()).toBe(204);
});

test('the Logs view lists the trace lines on the corrected timeline, filters by subtree and links to spans and /logs', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Logs' }).click();
  await expect.poll(() => trace.search().get('view')).toBe('logs');
  const lines = page.getByTestId('trace-log-line');
  const charge = lines.filter({ hasText: 'declined by processor' });
  await expect(charge).toHaveCount(1);
  await expect(lines.filter({ hasText: 'waited on a lock' })).toHaveCount(1);
  // Raw time as written; the corrected time is not the raw offset of +200ms (the pay-host clock was corrected).
  await expect(charge.locator('td').nth(1)).toHaveText(/ 00:00:00\.200$/);
  await expect(charge.locator('td').nth(0)).toHaveText(/^\+/);
  await expect(charge.locator('td').nth(0)).not.toHaveText('+200ms');
  // Untrusted text stays text.
  await expect(charge).toContainText('<b>card</b>');

  // A line's span link selects its span and opens the details.
  await charge.getByRole('button', { name: /charge card/ }).click();
  await expect.poll(() => trace.search().get('span')).toBe('0000000000000005');
  await expect(trace.detail).toBeVisible();

  // Filter: POST /pay and its descendants keep the charge line and drop the cart's.
  await page.goto(`/traces/${E2E_TRACE_ID}?view=logs&span=0000000000000004`);
  await page.getByRole('button', { name: 'Only the selected span and its descendants' }).click();
  await expect.poll(() => trace.search().get('lspan')).toBe('0000000000000004');
  await expect(page.getByTestId('trace-logs-filter')).toContainText('payment POST /pay');
  await expect(lines.filter({ hasText: 'declined by processor' })).toHaveCount(1);
  await expect(lines.filter({ hasText: 'waited on a lock' })).toHaveCount(0);

  // /logs with the trace's query and time range shows the same lines.
  const link = page.getByTestId('trace-logs-link');
  await expect(link).toHaveAttribute('href', new RegExp(`trace_id%3D%22${E2E_TRACE_ID}%22`));
  await link.click();
  await expect(page).toHaveURL(/\/logs\?query=/);
  await expect(page.getByTestId('log-lines').locator('li').filter({ hasText: 'declined by processor' })).toHaveCount(1);
  await expect(page.getByTestId('log-lines').locator('li').filter({ hasText: 'waited on a lock' })).toHaveCount(1);

  // Back from a log line to the trace: its span is selected and its details are open.
  await page.getByTestId('log-lines').locator('li').filter({ hasText: 'declined by processor' }).locator('.trace-link').click();
  await expect(page).toHaveURL(new RegExp(`/traces/${E2E_TRACE_ID}\\?span=0000000000000005&details=1$`));
  await expect(trace.detail).toBeVisible();
  await expect(page.locator('[data-testid="span-row"][aria-selected="true"]')).toContainText('charge card');
});

test("a server span without logs of its own shows its descendants' lines", async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID, '?span=0000000000000004&details=1');
  await expect(page.getByTestId('descendant-logs')).toContainText('from its descendants');
  await expect(page.getByTestId('span-logs')).toContainText('declined by processor');
  await expect(page.getByTestId('span-logs')).not.toContainText('waited on a lock');
});
