// The trace page's analysis as an on-call engineer meets it at 1280×720: the most likely cause on top as a short
// story linked to its spans, the findings collapsed to one summary line (so at least 15 waterfall rows stay in
// view), identical findings grouped with a count and ordered by severity.
import { expect, test } from '@playwright/test';
import { makeSpan } from '../test/support/make-span';
import { otlpJsonFromSpans } from '../test/support/otlp-json-from-spans';
import { SpanKind, StatusCode } from '../lib/domain/model/span';
import { TracePageObject } from './pages/trace-page';

const RETRY_TRACE = 'f1d0000000000000000000000000a001';
const RETRIES = 6;

/**
 * gateway POST /api/orders (error)
 * ├── orders create order (error)
 * │   └── ×6: orders POST /charge (client) ─ payment charge (error: card processor unavailable)
 * └── inventory reserve ─ 5 × inventory-db SELECT
 */
function retryTrace() {
  const t0 = BigInt(Date.now() - 120_000) * 1_000_000n;
  const ms = 1_000_000n;
  let next = 1;
  const span = (parent: string | null, serviceName: string, name: string, kind: SpanKind, from: number, to: number, error?: string) => {
    const spanId = (next++).toString(16).padStart(16, '0');
    return makeSpan({
      traceId: RETRY_TRACE,
      spanId,
      parentSpanId: parent,
      serviceName,
      name,
      kind,
      startTimeUnixNano: t0 + BigInt(from) * ms,
      endTimeUnixNano: t0 + BigInt(to) * ms,
      ...(error ? { statusCode: StatusCode.ERROR, statusMessage: error } : {}),
    });
  };
  const root = span(null, 'gateway', 'POST /api/orders', SpanKind.SERVER, 0, 700, 'upstream failed');
  const orders = span(root.spanId, 'orders', 'create order', SpanKind.SERVER, 5, 690, 'payment failed');
  const spans = [root, orders];
  for (let k = 0; k < RETRIES; k++) {
    const call = span(orders.spanId, 'orders', 'POST /charge', SpanKind.CLIENT, 10 + k * 100, 100 + k * 100, 'card processor unavailable');
    spans.push(call, span(call.spanId, 'payment', 'charge', SpanKind.SERVER, 12 + k * 100, 98 + k * 100, 'card processor unavailable'));
  }
  const reserve = span(root.spanId, 'inventory', 'reserve', SpanKind.SERVER, 2, 60);
  spans.push(reserve);
  for (let k = 0; k < 5; k++) spans.push(span(reserve.spanId, 'inventory-db', 'SELECT stock', SpanKind.CLIENT, 4 + k * 10, 12 + k * 10));
  return spans;
}

test.use({ viewport: { width: 1280, height: 720 } });

test.beforeAll(async ({ request }) => {
  const response = await request.post('/v1/traces', { data: otlpJsonFromSpans(retryTrace()), headers: { 'content-type': 'application/json' } });
  if (!response.ok()) throw new Error(`POST /v1/traces answered ${response.status()}: ${await response.text()}`);
});

test('at 1280×720 the cause is a linked story, the findings a collapsed summary, and 15 rows stay visible', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(RETRY_TRACE);
  const summary = page.getByTestId('findings-summary');
  await expect(summary).toContainText(/Findings: \d+/, { timeout: 30_000 });
  await expect(page.getByTestId('findings')).toBeHidden();

  const visibleRows = await page.evaluate(() => {
    const scroll = document.querySelector('.waterfall-scroll')!.getBoundingClientRect();
    const bottom = Math.min(scroll.bottom, window.innerHeight);
    return [...document.querySelectorAll('[data-testid="span-row"]')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= scroll.top - 1 && r.bottom <= bottom + 1;
    }).length;
  });
  expect(visibleRows).toBeGreaterThanOrEqual(15);

  // The story starts where the failure did (payment), and ends at what the caller saw (the gateway's root).
  const story = page.getByTestId('cause-story');
  await expect(story.locator('[data-role="started"]')).toContainText('payment charge');
  await expect(story.locator('[data-role="saw"]')).toContainText('gateway POST /api/orders');
  await expect(story.locator('[data-role="saw"]')).toContainText('an error');
  await story.locator('[data-role="started"]').getByRole('button').click();
  await expect(page.locator('[data-testid="span-row"][aria-selected="true"]')).toContainText('charge');
  await expect(trace.detail).toBeVisible();

  // Opened: the retried failure is one line with a count, failures before information.
  await summary.click();
  const items = page.getByTestId('findings').locator('li');
  await expect(items.first()).toBeVisible();
  const repeated = items.filter({ has: page.getByTestId('finding-count') }).first();
  await expect(repeated.getByTestId('finding-count')).toHaveText(/×\d+/);
  const severities = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-severity')));
  const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
  expect(severities.map((s) => rank[s!])).toEqual([...severities.map((s) => rank[s!])].sort());
  expect(severities[0]).toBe('critical');
});
