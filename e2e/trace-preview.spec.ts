// The trace page's server-rendered first screenful (issue #22): with JavaScript off, the HTML alone shows the
// first rows of the waterfall (span-row-preview) in display order; with JavaScript on, the worker's real rows
// (span-row) replace them and no preview row is left.
import { expect, test } from '@playwright/test';
import { SpanKind } from '../lib/domain/model/span';
import { makeSpan } from '../test/support/make-span';
import { otlpJsonFromSpans } from '../test/support/otlp-json-from-spans';
import { E2E_ADMIN_TOKEN } from '../playwright.config';
import { TracePageObject } from './pages/trace-page';
import { E2E_TRACE_ID, XSS_IMG } from './support/e2e-traces';
import { sendE2eTraces } from './support/send-e2e-traces';

const WIDE_TRACE_ID = '00000000000000000000000000e2e0a1';
const MS = 1_000_000n;
const BASE = BigInt(Math.floor(Date.now() / 86_400_000) * 86_400_000) * MS;

/**
 * root [gateway] ── 150 children [svc-0..2], "child 0" first; child 0's name carries an XSS payload
 */
function wideTrace() {
  const spanId = (k: number) => (k + 1).toString(16).padStart(16, '0');
  const at = (ms: number) => BASE + BigInt(ms) * MS;
  const root = makeSpan({ traceId: WIDE_TRACE_ID, spanId: spanId(0), name: 'root', serviceName: 'gateway', kind: SpanKind.SERVER, startTimeUnixNano: at(0), endTimeUnixNano: at(400) });
  const children = Array.from({ length: 150 }, (_, k) =>
    makeSpan({
      traceId: WIDE_TRACE_ID,
      spanId: spanId(k + 1),
      parentSpanId: spanId(0),
      name: k === 0 ? `child 0 ${XSS_IMG}` : `child ${k}`,
      serviceName: `svc-${k % 3}`,
      startTimeUnixNano: at(1 + k * 2),
      endTimeUnixNano: at(2 + k * 2),
    }),
  );
  return [root, ...children];
}

test.beforeAll(async ({ request }) => {
  await sendE2eTraces(request);
  const response = await request.post('/v1/traces', { data: otlpJsonFromSpans(wideTrace()), headers: { 'content-type': 'application/json' } });
  if (!response.ok()) throw new Error(`POST /v1/traces answered ${response.status()}: ${await response.text()}`);
});

test('without JavaScript the HTML shows the first rows of the waterfall in display order', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, extraHTTPHeaders: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` } });
  try {
    const page = await context.newPage();
    const trace = new TracePageObject(page);
    await page.goto(`/traces/${E2E_TRACE_ID}`);
    // The true roots' rows; the orphan under its missing parent comes after them and is left to the worker.
    await expect(trace.previewRows).toHaveCount(5);
    expect(await trace.previewRows.locator('.span-row-label').allTextContents()).toEqual(['GET /checkout', 'POST /cart', 'SELECT cart_items', 'POST /pay', 'charge card']);
    expect(await trace.previewRows.locator('.span-row-service').allTextContents()).toEqual(['frontend', 'cart', 'db', 'payment', 'payment']);
    expect(await trace.previewRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-depth')))).toEqual(['0', '1', '2', '1', '2']);
    await expect(trace.previewRows.filter({ hasText: 'SELECT cart_items' })).toHaveClass(/error/);
    await expect(trace.rows).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('without JavaScript a wide trace shows one screenful, untrusted names as text', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, extraHTTPHeaders: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` } });
  try {
    const page = await context.newPage();
    const trace = new TracePageObject(page);
    await page.goto(`/traces/${WIDE_TRACE_ID}`);
    await expect(trace.previewRows).toHaveCount(60);
    await expect(trace.previewRows.nth(0).locator('.span-row-label')).toHaveText('root');
    await expect(trace.previewRows.nth(1).locator('.span-row-label')).toHaveText(`child 0 ${XSS_IMG}`);
    await expect(trace.previewRows.nth(59).locator('.span-row-label')).toHaveText('child 58');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('with JavaScript the real rows replace the preview', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  await expect(trace.rows).toHaveCount(7);
  await expect(trace.previewRows).toHaveCount(0);
  await trace.open(WIDE_TRACE_ID);
  await expect(trace.rows.first()).toBeVisible();
  await expect(trace.previewRows).toHaveCount(0);
});
