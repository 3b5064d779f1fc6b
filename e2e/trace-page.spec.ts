// The trace page in real Chromium against the built app and real Postgres: spans sent through POST /v1/traces
// (OTLP/JSON), served by GET /api/traces/{id}/spans, decoded and analysed in the Web Worker.
import { expect, test } from '@playwright/test';
import { sendE2eTraces } from './support/send-e2e-traces';
import { E2E_TRACE_ID, SKEWED_SPAN_ID, XSS_IMG, XSS_SCRIPT, XSS_SPAN_ID } from './support/e2e-traces';
import { TracePageObject } from './pages/trace-page';
import { otlpJsonFromSpans } from '../test/support/otlp-json-from-spans';
import { CALIBRATION_TRACES, SKEW_TARGET_TRACE_ID, crossTraceSkewSpans } from './support/cross-trace-skew-traces';

// Sent through the real OTLP endpoint; re-sending (a fresh worker after a failure) is idempotent because
// the fixture's times are fixed and the writer ignores duplicates.
test.beforeAll(async ({ request }) => {
  await sendE2eTraces(request);
  const response = await request.post('/v1/traces', { data: otlpJsonFromSpans(crossTraceSkewSpans()), headers: { 'content-type': 'application/json' } });
  if (!response.ok()) throw new Error(`POST /v1/traces answered ${response.status()}: ${await response.text()}`);
});

test('the waterfall shows every span, orphans under a missing-parent row', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  await expect(trace.rows).toHaveCount(7);
  expect(await trace.rowNames()).toEqual(['GET /checkout', 'POST /cart', 'SELECT cart_items', 'POST /pay', 'charge card', 'missing parent 00000000deadbeef', 'late orphan']);
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

test('find matches attribute values (the server searches them) and details load per span, never the whole trace', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname + new URL(request.url()).search));
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  // "onerror" is only in SELECT cart_items' db.statement attribute: not in any name, service or id.
  await trace.findInput.fill('onerror');
  await expect(trace.findCount).toHaveText('1 / 1');
  await expect(page.getByTestId('find-searching')).toHaveCount(0);
  await page.getByTestId('only-matches').check();
  expect(await trace.rowNames()).toEqual(['GET /checkout', 'POST /cart', 'SELECT cart_items']);
  await page.getByTestId('only-matches').uncheck();
  // key=value text, and names still match with attributes in the same answer.
  await trace.findInput.fill('note.script=<script>');
  await expect(trace.findCount).toHaveText('1 / 1');
  await trace.findInput.fill('cart');
  await expect(trace.findCount).toHaveText('1 / 2');
  await trace.row('SELECT cart_items').click();
  await expect(page.getByTestId('detail-attributes')).toContainText(XSS_IMG);
  await trace.row('POST /pay').click();
  await expect(trace.detail).toContainText('card.authorized');
  expect(requests).toContain(`/api/traces/${E2E_TRACE_ID}/spans/${XSS_SPAN_ID}`);
  expect(requests).toContain(`/api/traces/${E2E_TRACE_ID}/find?q=onerror`);
  expect(requests.filter((r) => r === `/api/traces/${E2E_TRACE_ID}/spans`)).toEqual([]);
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
  await expect(trace.detail.locator('h2')).toHaveText('POST /cart');
  await page.keyboard.press('ArrowLeft');
  await expect(trace.row('SELECT cart_items')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(trace.row('SELECT cart_items')).toHaveCount(1);
  // e2e/logs.spec.ts may have attached a Loki line to POST /cart; the orphan never has logs.
  await trace.row('late orphan').click();
  await expect(page.getByTestId('span-logs')).toContainText('No logs for this span.');
});

test('a finding with several spans links each of them', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  // The skew finding names both spans on the fast host: POST /pay and its child charge card.
  await page.getByTestId('findings-summary').click();
  const skew = page.getByTestId('findings').locator('li').filter({ hasText: 'clock of host.name:pay-host' });
  const selected: string[] = [];
  for (const k of [1, 2]) {
    await skew.getByRole('button', { name: `clock-skew: span ${k} of 2` }).click();
    await expect.poll(() => trace.search().get('span')).not.toBe(selected[selected.length - 1] ?? null);
    selected.push(trace.search().get('span')!);
    await expect(page.locator(`[data-testid="span-row"][aria-selected="true"]`)).toHaveCount(1);
  }
  expect(selected.sort()).toEqual([SKEWED_SPAN_ID, '0000000000000005']);
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

test('a zoom window in the URL narrows the time axis; reset zoom restores it', async ({ page }) => {
  const trace = new TracePageObject(page);
  // The trace is 270 ms long (raw); zoom to its first 100 ms.
  await trace.open(E2E_TRACE_ID, '?mode=raw&from=0&to=100000');
  await expect(page.getByTestId('reset-zoom')).toBeVisible();
  const cartLeft = await trace.barLeft('POST /cart'); // starts at 10 ms: 10% of a 100 ms window
  expect(cartLeft).toBeCloseTo(10, 0);
  await page.getByTestId('reset-zoom').click();
  await expect(page.getByTestId('reset-zoom')).toHaveCount(0);
  expect(trace.search().get('from')).toBeNull();
  await expect.poll(() => trace.barLeft('POST /cart')).toBeCloseTo((10 / 270) * 100, 0);
});

test('dragging a brush on the minimap zooms the waterfall and the permalink keeps the window', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID, '?mode=raw');
  // The analysis' findings appear above the minimap: aim after they are laid out (a CI run dragged across the
  // page while they moved the minimap down).
  await trace.analyzed();
  const minimap = page.getByTestId('minimap').locator('svg');
  const box = (await minimap.boundingBox())!;
  // Drag across the middle half of the (270 ms, raw) trace.
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('reset-zoom')).toBeVisible();
  await expect.poll(() => Number(trace.search().get('from'))).toBeGreaterThan(0);
  const from = Number(trace.search().get('from'));
  const to = Number(trace.search().get('to'));
  // The window is about the middle half of the trace: from ≈ 67 ms, to ≈ 202 ms (URL unit: µs).
  expect(from / 1000).toBeCloseTo(67.5, -1);
  expect(to / 1000).toBeCloseTo(202.5, -1);
  // POST /cart starts at 10 ms, before the window: its bar begins left of the visible column.
  expect(await trace.barLeft('POST /cart')).toBeLessThan(0);
  const link = page.url();
  await page.goto('about:blank');
  await page.goto(link);
  await expect(trace.rows.first()).toBeVisible();
  await expect(page.getByTestId('reset-zoom')).toBeVisible();
  await expect.poll(() => trace.barLeft('POST /cart')).toBeCloseTo(((10 - from / 1000) / ((to - from) / 1000)) * 100, 0);
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

// GET /api/skew's estimate from many traces, fetched by the page's worker, moves a child the per-trace rule
// cannot (see e2e/support/cross-trace-skew-traces.ts).
test('a child that fits but is displaced is moved by the cross-trace estimate', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(SKEW_TARGET_TRACE_ID);
  await expect(page.locator('[data-analyzed="true"]')).toHaveCount(1);
  // 30 calibration pairs plus the target's own pair, all between edge-host and ledger-host.
  await expect(page.getByTestId('skew-cross-trace')).toHaveText(`offsets from ${CALIBRATION_TRACES + 1} samples across traces`);
  // Corrected: [400, 450] of the 1000 ms root → 40 %; raw: [700, 750] → 70 %.
  await expect.poll(() => trace.barLeft('post ledger entry')).toBeCloseTo(40, 0);
  await page.getByTestId('mode-raw').click();
  await expect.poll(() => trace.barLeft('post ledger entry')).toBeCloseTo(70, 0);
  await trace.row('post ledger entry').click();
  // ± 3 ms: the pairs' 2 ms bound widened by the 1 ms resolution of their whole-millisecond starts.
  await expect(page.getByTestId('detail-skew')).toHaveText(
    `-300ms — cross-trace estimate of host.name:ledger-host's clock against host.name:edge-host: 300ms ± 3ms from ${CALIBRATION_TRACES + 1} CLIENT→SERVER samples across traces`,
  );
});
