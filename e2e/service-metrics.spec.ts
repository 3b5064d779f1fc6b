// Issue 20: a service's OTLP metrics on the services page — choose the metric, see its series charted over the
// range, and follow an exemplar to its trace. Attribute values are untrusted text and must stay text.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';

const service = `metrics-e2e-${randomBytes(3).toString('hex')}`;
const traceId = randomBytes(16).toString('hex');
const spanId = randomBytes(8).toString('hex');

test.beforeAll(async ({ request }) => {
  const now = BigInt(Date.now() - 60_000) * 1_000_000n;
  const traces = await request.post('/v1/traces', {
    headers: { 'content-type': 'application/json' },
    data: {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
          scopeSpans: [{ spans: [{ traceId, spanId, name: 'GET /pay', kind: 2, startTimeUnixNano: String(now), endTimeUnixNano: String(now + 5_000_000n) }] }],
        },
      ],
    },
  });
  expect(traces.status()).toBe(200);
  const point = (offsetS: number, value: number, exemplar: boolean) => ({
    timeUnixNano: String(now - BigInt(offsetS) * 1_000_000_000n),
    asDouble: value,
    attributes: [{ key: 'route', value: { stringValue: '<img src=x onerror=alert(1)>' } }],
    exemplars: exemplar ? [{ timeUnixNano: String(now), asDouble: value, traceId, spanId }] : [],
  });
  const metrics = await request.post('/v1/metrics', {
    headers: { 'content-type': 'application/json' },
    data: {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
          scopeMetrics: [
            {
              metrics: [
                { name: 'a.queue.depth', unit: '1', gauge: { dataPoints: [point(600, 3, false)] } },
                { name: 'pay.latency', unit: 'ms', description: 'Payment latency', gauge: { dataPoints: [point(1200, 40, false), point(600, 55, false), point(0, 70, true)] } },
              ],
            },
          ],
        },
      ],
    },
  });
  expect(metrics.status()).toBe(200);
  const metricsOnly = await request.post('/v1/metrics', {
    headers: { 'content-type': 'application/json' },
    data: {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: `${service}-batch` } }] },
          scopeMetrics: [{ metrics: [{ name: 'batch.rows', sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [point(300, 12, false)] } }] }],
        },
      ],
    },
  });
  expect(metricsOnly.status()).toBe(200);
});

test('charts a chosen metric and links its exemplar to the trace', async ({ page }) => {
  await page.goto('/services');
  const section = page.getByTestId('service-metrics');
  await section.getByLabel('metrics service').selectOption(service);
  await expect(section.getByLabel('metric', { exact: true })).toHaveValue('a.queue.depth');
  await section.getByLabel('metric', { exact: true }).selectOption('pay.latency');
  await expect(section.getByTestId('metric-description')).toHaveText('gauge · ms · Payment latency');
  await expect(section.getByTestId('metric-chart').locator('path')).toHaveCount(1);
  await expect(section.getByText('route=<img src=x onerror=alert(1)>')).toBeVisible();
  await expect(section.getByText('(3 points)')).toBeVisible();
  const exemplar = section.getByTestId('metric-exemplar');
  await expect(exemplar).toHaveCount(1);
  await expect(exemplar).toHaveAttribute('href', `/traces/${traceId}`);
  await exemplar.click();
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}$`));
});

test('a service that sent only metrics (no spans) can be chosen too', async ({ page }) => {
  await page.goto('/services');
  const section = page.getByTestId('service-metrics');
  await section.getByLabel('metrics service').selectOption(`${service}-batch`);
  await expect(section.getByLabel('metric', { exact: true })).toHaveValue('batch.rows');
  await expect(section.getByTestId('metric-description')).toHaveText('sum');
  await expect(section.getByText('(1 point)')).toBeVisible();
});
