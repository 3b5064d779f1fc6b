// Trace page and navigation details an on-call engineer meets first: a service keeps its colour across traces,
// a zoomed waterfall never paints bars over the name column, and a trace opens from its id.
import { expect, test } from '@playwright/test';
import { makeSpan } from '../test/support/make-span';
import { otlpJsonFromSpans } from '../test/support/otlp-json-from-spans';
import { SpanKind } from '../lib/domain/model/span';
import { TracePageObject } from './pages/trace-page';
import { sendE2eTraces } from './support/send-e2e-traces';
import { E2E_TRACE_ID } from './support/e2e-traces';

const FIRST = 'c0100000000000000000000000000001';
const SECOND = 'c0200000000000000000000000000002';

/**
 *  FIRST:  gateway ─ payment        SECOND: inventory ─ pricing ─ gateway
 * gateway is the first service of one trace and the last of the other.
 */
function twoTraces() {
  const t0 = BigInt(Date.now() - 60_000) * 1_000_000n;
  const ms = 1_000_000n;
  const span = (traceId: string, spanId: string, parent: string | null, serviceName: string, at: bigint) =>
    makeSpan({ traceId, spanId, parentSpanId: parent, serviceName, name: `${serviceName} op`, kind: SpanKind.SERVER, startTimeUnixNano: t0 + at * ms, endTimeUnixNano: t0 + (at + 20n) * ms });
  return [
    span(FIRST, 'a000000000000001', null, 'gateway', 0n),
    span(FIRST, 'a000000000000002', 'a000000000000001', 'payment', 2n),
    span(SECOND, 'b000000000000001', null, 'inventory', 0n),
    span(SECOND, 'b000000000000002', 'b000000000000001', 'pricing', 2n),
    span(SECOND, 'b000000000000003', 'b000000000000002', 'gateway', 4n),
  ];
}

test.beforeAll(async ({ request }) => {
  await sendE2eTraces(request);
  const response = await request.post('/v1/traces', { data: otlpJsonFromSpans(twoTraces()), headers: { 'content-type': 'application/json' } });
  if (!response.ok()) throw new Error(`POST /v1/traces answered ${response.status()}: ${await response.text()}`);
});

test('a service has the same colour in two traces where it sits at different positions, with a legend', async ({ page }) => {
  const trace = new TracePageObject(page);
  const swatch = (name: string) =>
    trace
      .row(name)
      .locator('.span-row-swatch')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
  await trace.open(FIRST);
  const gatewayInFirst = await swatch('gateway op');
  const paymentInFirst = await swatch('payment op');
  await expect(page.getByRole('list', { name: 'Services' })).toContainText('payment');
  await trace.open(SECOND);
  expect(await swatch('gateway op')).toBe(gatewayInFirst);
  expect(await swatch('inventory op')).not.toBe(await swatch('pricing op'));
  expect(paymentInFirst).not.toBe(gatewayInFirst);
});

test('after a zoom, a bar that starts before the window does not paint over the name column', async ({ page }) => {
  const trace = new TracePageObject(page);
  // POST /cart starts at 10 ms; the window starts at 60 ms.
  await trace.open(E2E_TRACE_ID, '?mode=raw&from=60000&to=200000');
  expect(await trace.barLeft('POST /cart')).toBeLessThan(0);
  await trace.analyzed();
  const row = trace.row('POST /cart');
  const name = (await row.locator('.span-row-name').boundingBox())!;
  const hit = await page.evaluate(
    ([x, y]) => {
      const el = document.elementFromPoint(x!, y!);
      return el?.closest('.span-bar') ? 'bar' : el?.closest('.span-row-name') ? 'name' : String(el?.className);
    },
    [name.x + name.width - 3, name.y + name.height / 2],
  );
  expect(hit).toBe('name');
});

test('a trace opens from its id typed into the navigation bar or the search box', async ({ page }) => {
  await page.goto('/search');
  await page.locator('.search-view[data-hydrated="true"]').waitFor();
  const lookup = page.getByRole('textbox', { name: 'Trace ID' });
  await lookup.fill('not-an-id');
  await lookup.press('Enter');
  await expect(lookup).toHaveAttribute('aria-invalid', 'true');
  await lookup.fill(E2E_TRACE_ID.toUpperCase());
  await lookup.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/traces/${E2E_TRACE_ID}$`));

  await page.goto('/search');
  await page.locator('.search-view[data-hydrated="true"]').waitFor();
  await page.getByLabel('TraceQL query').fill(` ${E2E_TRACE_ID} `);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${E2E_TRACE_ID}$`));
});

test('an unknown address shows the 404 page in the app shell', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('keyboard shortcuts work as soon as the page opens, after a checkbox click, and ? lists them', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  // No click into the waterfall first.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(trace.detail).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(trace.detail).toHaveCount(0);

  await page.getByTestId('critical-path-toggle').check();
  await page.keyboard.press('/');
  await expect(trace.findInput).toBeFocused();
  // Esc from inside the find box still closes the details.
  await trace.row('POST /cart').click();
  await expect(trace.detail).toBeVisible();
  await trace.findInput.focus();
  await page.keyboard.press('Escape');
  await expect(trace.detail).toHaveCount(0);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('find in trace');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
});

test('the span table sorts by duration and self time, the statistics group by service and operation, and the trace downloads as OTLP JSON', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  await page.getByRole('button', { name: 'Span table' }).click();
  expect(trace.search().get('view')).toBe('table');
  const rows = page.getByTestId('span-table-row');
  await expect(rows).toHaveCount(6);
  // Longest first: the root.
  await expect(rows.first()).toContainText('GET /checkout');
  await page.getByRole('button', { name: /^Duration/ }).click();
  await expect(rows.first()).not.toContainText('GET /checkout');
  await page.getByRole('button', { name: /^Self time/ }).click();
  await rows.filter({ hasText: 'POST /cart' }).click();
  await expect(trace.detail.locator('h2')).toHaveText('POST /cart');

  await page.getByRole('button', { name: 'Statistics' }).click();
  const stats = page.getByTestId('statistics-row');
  await expect(stats).toHaveCount(6);
  await expect(stats.filter({ hasText: 'SELECT cart_items' })).toContainText('1');

  const link = page.getByTestId('download-otlp');
  await expect(link).toHaveAttribute('download', `trace-${E2E_TRACE_ID}.json`);
  const response = await page.request.get((await link.getAttribute('href'))!);
  expect(response.headers()['content-disposition']).toBe(`attachment; filename="trace-${E2E_TRACE_ID}.json"`);
  const body = await response.json();
  const names = body.resourceSpans.flatMap((r: { scopeSpans: Array<{ spans: Array<{ name: string }> }> }) => r.scopeSpans.flatMap((s) => s.spans.map((x) => x.name)));
  expect(names).toContain('charge card');
});
