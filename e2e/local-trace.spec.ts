// Opening a trace file in the browser (/trace/local) in real Chromium: OTLP, Jaeger and Zipkin files show the
// normal trace views, a file with several traces lets the user pick one, a bad file names the problem, and
// nothing reaches the store (the browser sends no write, and the API does not know the trace afterwards).
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { TracePageObject } from './pages/trace-page';

const fixture = (name: string) => path.resolve(__dirname, '..', 'test/fixtures/traces', name);
const CHECKOUT = '4bf92f3577b34da6a3ce929d0e0e4736';

/** Records every request the page makes that is not a GET (a write would be one). */
function watchWrites(page: Page): string[] {
  const writes: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && r.method() !== 'HEAD') writes.push(`${r.method()} ${r.url()}`);
  });
  return writes;
}

for (const [file, format, rootName] of [
  ['checkout-otlp.json', 'otlp-json', 'GET /checkout'],
  ['checkout-jaeger.json', 'jaeger-json', 'GET /checkout'],
  ['checkout-zipkin.json', 'zipkin-v2', 'get /checkout'],
] as const) {
  test(`opens a ${format} file with the trace page's views and stores nothing`, async ({ page }) => {
    const writes = watchWrites(page);
    const trace = new TracePageObject(page);
    await page.goto('/trace/local');
    await page.getByLabel('Trace file').setInputFiles(fixture(file));
    await expect(page.getByTestId('local-file-info')).toHaveText(`${file}: ${format}, 1 trace`);
    await expect(page.getByTestId('local-badge')).toHaveText('local file · not stored');
    await expect(trace.rows).toHaveCount(4);
    await expect(page.locator('.trace-header h1')).toContainText(rootName);
    // The analysis ran in the worker on the file's spans.
    await expect(page.getByTestId('local-trace')).toHaveAttribute('data-analyzed', 'true');
    // Span details come from the file's full spans.
    await trace.rows.nth(1).click();
    await expect(trace.detail).toBeVisible();
    await expect(trace.detail.getByText('Span id')).toBeVisible();
    // Find works on the local store too.
    await trace.findInput.fill('accounts');
    await expect(trace.findCount).toContainText('1');
    // Server-backed actions are not offered for a file.
    await expect(page.getByTestId('download-otlp')).toHaveCount(0);
    await expect(page.getByTestId('add-trace-to-investigation')).toHaveCount(0);

    expect(writes).toEqual([]);
    const stored = await page.request.get(`/api/traces/${CHECKOUT}`);
    expect(stored.status()).toBe(404);
  });
}

test('a file with several traces lets the user pick one', async ({ page }) => {
  const trace = new TracePageObject(page);
  await page.goto('/trace/local');
  await page.getByLabel('Trace file').setInputFiles(fixture('three-traces-otlp.json'));
  await expect(page.getByTestId('local-file-info')).toHaveText('three-traces-otlp.json: otlp-json, 3 traces');
  const list = page.getByTestId('local-traces').locator('tbody tr');
  await expect(list).toHaveCount(3);
  await expect(trace.rows).toHaveCount(0);
  await list.nth(1).getByRole('button').click();
  await expect(page.locator('.trace-facts')).toContainText('b'.repeat(32));
  await expect(trace.rows.first()).toBeVisible();
  await list.nth(2).getByRole('button').click();
  await expect(page.locator('.trace-facts')).toContainText('c'.repeat(32));
  expect((await page.request.get(`/api/traces/${'b'.repeat(32)}`)).status()).toBe(404);
});

test('a bad file gets a message naming the problem', async ({ page }) => {
  await page.goto('/trace/local');
  await page.getByLabel('Trace file').setInputFiles(fixture('not-json.json'));
  await expect(page.getByTestId('local-file-error')).toContainText('not-json.json: not valid JSON');
  await page.getByLabel('Trace file').setInputFiles(fixture('unknown-shape.json'));
  await expect(page.getByTestId('local-file-error')).toContainText('unknown-shape.json: not a trace file: expected an OTLP JSON export');
  await expect(page.getByTestId('local-trace')).toHaveCount(0);
});
