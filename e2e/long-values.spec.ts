// Issue #19: a 1 MB attribute value froze the span details panel for 71 s. Long values (attributes, log lines)
// are shown truncated with "show all" on demand. The e2e server runs with ATTRIBUTE_VALUE_LENGTH_LIMIT=0, so the
// whole megabyte is stored and served.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { TracePageObject } from './pages/trace-page';

const MB = 1 << 20;
const traceId = randomBytes(16).toString('hex');
const spanId = randomBytes(8).toString('hex');

test.beforeAll(async ({ request }) => {
  const start = BigInt(Date.now() - 60_000) * 1_000_000n;
  const big = 'x'.repeat(MB - 3) + 'END';
  const traces = await request.post('/v1/traces', {
    headers: { 'content-type': 'application/json' },
    data: {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'long-values' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId,
                  spanId,
                  name: 'GET /huge',
                  kind: 2,
                  startTimeUnixNano: String(start),
                  endTimeUnixNano: String(start + 5_000_000n),
                  attributes: [
                    { key: 'big', value: { stringValue: big } },
                    { key: 'small', value: { stringValue: 'short value' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  });
  expect(traces.status()).toBe(200);
  const logs = await request.post('/v1/logs', {
    headers: { 'content-type': 'application/json' },
    data: {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'long-values' } }] },
          scopeLogs: [{ logRecords: [{ timeUnixNano: String(start + 1_000_000n), traceId, spanId, body: { stringValue: `${'y'.repeat(300_000)}LOGEND` } }] }],
        },
      ],
    },
  });
  expect(logs.status()).toBe(200);
});

test('a 1 MB attribute value and a long log line are shown truncated, in full on demand', async ({ page }) => {
  const trace = new TracePageObject(page);
  await trace.open(traceId);
  await trace.row('GET /huge').click();
  const attributes = page.getByTestId('detail-attributes');
  const bigRow = attributes.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'big', exact: true }) });
  await expect(bigRow.getByTestId('truncation-note')).toHaveText(`… ${(MB - 500).toLocaleString('en-US')} more characters`);
  // Only the prefix is in the page until asked.
  expect((await bigRow.locator('td').first().textContent())!.length).toBeLessThan(1_000);
  await expect(
    attributes
      .getByRole('row')
      .filter({ hasText: 'short value' })
      .getByRole('button', { name: /show all/i }),
  ).toHaveCount(0);

  await bigRow.getByRole('button', { name: /show all/i }).click();
  const full = bigRow.getByTestId('full-text');
  await expect(full).toContainText('END');
  expect((await full.textContent())!.length).toBe(MB);
  // And back to the prefix.
  await bigRow.getByRole('button', { name: 'show less' }).click();
  await expect(bigRow.getByTestId('truncation-note')).toBeVisible();

  const logs = page.getByTestId('span-logs');
  await expect(logs.getByTestId('truncation-note')).toHaveText(`… ${(300_006 - 500).toLocaleString('en-US')} more characters`);
  await logs.getByRole('button', { name: /show all/i }).click();
  await expect(logs.getByTestId('full-text')).toContainText('LOGEND');
});
