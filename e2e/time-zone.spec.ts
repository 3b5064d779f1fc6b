// UTC or local time, chosen in the navigation bar, kept in this browser and labelled where times are shown.
import { expect, test } from '@playwright/test';
import { TracePageObject } from './pages/trace-page';
import { sendE2eTraces } from './support/send-e2e-traces';
import { E2E_TRACE_ID } from './support/e2e-traces';

// A zone whose offset is not whole hours, so a wrong conversion cannot pass by accident.
test.use({ timezoneId: 'Asia/Kolkata' });

test.beforeAll(async ({ request }) => {
  await sendE2eTraces(request);
});

test('times are UTC by default; Local time converts and labels them, and the choice survives a reload', async ({ page }) => {
  const trace = new TracePageObject(page);
  // The e2e trace starts at midnight UTC.
  await trace.open(E2E_TRACE_ID);
  const start = page.getByTestId('trace-start');
  await expect(start).toHaveText(/ 00:00:00\.000 UTC$/);

  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('local');
  await expect(start).toHaveText(/ 05:30:00\.000 local, UTC\+05:30$/);
  expect(await page.evaluate(() => localStorage.getItem('tracehound.timezone'))).toBe('local');

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('local');
  await expect(start).toHaveText(/ 05:30:00\.000 local, UTC\+05:30$/);

  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('utc');
  await expect(start).toHaveText(/ 00:00:00\.000 UTC$/);
});
