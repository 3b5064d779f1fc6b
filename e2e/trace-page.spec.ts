// The trace page in real Chromium against the built app and real Postgres: spans stored through the span
// writer (e2e/support/seed-e2e-traces.ts), served by GET /api/traces/{id}/spans, decoded in the Web Worker.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { e2eDatabaseUrl } from './support/e2e-database-url';
import { E2E_TRACE_ID, SKEWED_SPAN_ID, XSS_IMG, XSS_SCRIPT, XSS_SPAN_ID } from './support/e2e-traces';
import { TracePageObject } from './pages/trace-page';

test.beforeAll(() => {
  execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'e2e/support/seed-e2e-traces.ts'], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
    stdio: 'inherit',
  });
});

test('the waterfall shows every span, orphans under a missing-parent row', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  await expect(trace.rows).toHaveCount(7);
  expect(await trace.rowNames()).toEqual([
    'GET /checkout', 'POST /cart', 'SELECT cart_items', 'POST /pay', 'charge card', 'missing parent 00000000deadbeef', 'late orphan',
  ]);
  await expect(page.getByTestId('span-count')).toHaveText('6');
});

test('collapse hides a subtree; collapse all / expand all', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  await trace.row('POST /cart').getByRole('button', { name: 'Collapse' }).click();
  await expect(trace.row('SELECT cart_items')).toHaveCount(0);
  await expect(trace.rows).toHaveCount(6);
  await page.getByTestId('collapse-all').click();
  await expect(trace.rows).toHaveCount(2);
  await page.getByTestId('expand-all').click();
  await expect(trace.rows).toHaveCount(7);
});

test('find counts matches, steps through them and filters non-matching subtrees', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  await page.keyboard.press('/');
  await expect(trace.findInput).toBeFocused();
  await page.keyboard.type('payment');
  await expect(trace.findCount).toHaveText('1 / 2');
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(trace.findCount).toHaveText('2 / 2');
  await page.getByTestId('only-matches').check();
  expect(await trace.rowNames()).toEqual(['GET /checkout', 'POST /pay', 'charge card']);
  expect(trace.search().get('find')).toBe('payment');
});

test('selecting a span opens its details; keyboard moves the selection', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  await trace.row('POST /cart').click();
  await expect(trace.detail.locator('h2')).toHaveText('POST /cart');
  await expect(trace.detail).toContainText('cart-host');
  await page.getByTestId('waterfall').focus();
  await page.keyboard.press('ArrowDown');
  await expect(trace.detail.locator('h2')).toHaveText('SELECT cart_items');
  expect(trace.search().get('span')).toBe(XSS_SPAN_ID);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft');
  await expect(trace.row('SELECT cart_items')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(trace.row('SELECT cart_items')).toHaveCount(1);
  await expect(trace.detail).toContainText('No logs for this span.');
});

test('critical path toggle highlights path segments', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  await expect(page.getByTestId('critical-segment')).toHaveCount(0);
  await page.getByTestId('critical-path-toggle').check();
  await expect(trace.row('GET /checkout').getByTestId('critical-segment').first()).toBeVisible();
  expect(await page.getByTestId('critical-segment').count()).toBeGreaterThan(1);
  expect(trace.search().get('cp')).toBe('1');
});

test('raw and skew-corrected timelines place the skewed span differently', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  await expect(page.getByTestId('skew-badge')).toBeVisible();
  const corrected = await trace.barLeft('POST /pay');
  await page.getByTestId('mode-raw').click();
  await expect.poll(() => trace.barLeft('POST /pay')).not.toBeCloseTo(corrected, 1);
  const raw = await trace.barLeft('POST /pay');
  expect(raw).toBeGreaterThan(corrected);
  expect(trace.search().get('mode')).toBe('raw');
  await trace.row('POST /pay').click();
  await expect(page.getByTestId('detail-skew')).toBeVisible();
  expect(trace.search().get('span')).toBe(SKEWED_SPAN_ID);
});

test('a permalink restores selection, mode, critical path and find after reload', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  await trace.row('charge card').click();
  await page.getByTestId('mode-raw').click();
  await page.getByTestId('critical-path-toggle').check();
  await trace.findInput.fill('cart');
  await expect(trace.findCount).toHaveText('1 / 2');
  const link = page.url();
  await page.goto('about:blank');
  await page.goto(link);
  await expect(trace.rows.first()).toBeVisible();
  await expect(trace.row('charge card')).toHaveAttribute('aria-selected', 'true');
  await expect(trace.detail.locator('h2')).toHaveText('charge card');
  await expect(page.getByTestId('mode-raw')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('critical-path-toggle')).toBeChecked();
  await expect(trace.findInput).toHaveValue('cart');
  await expect(trace.findCount).toHaveText('1 / 2');
});

test('untrusted attributes render as text and run nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID, `?span=${XSS_SPAN_ID}&details=1`);
  const attributes = page.getByTestId('detail-attributes');
  await expect(attributes).toContainText(XSS_IMG);
  await expect(attributes).toContainText(XSS_SCRIPT);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('.span-detail script').count()).toBe(0);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test('an unknown trace id shows a helpful not-found page', async ({ page }) => {
  const response = await page.goto('/traces/ffffffffffffffffffffffffffffffff');
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('trace-not-found')).toContainText('No spans with this trace id');
});
