import { expect, test } from '@playwright/test';
import { NAV_LINKS } from '../components/shell/nav-links';

test('health reports the server database and the applied migration', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.database).toMatchObject({ reachable: true, kind: 'server' });
  expect(body.database.migration).toMatch(/^\d{14}_/);
});

test('navigation reaches every section', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const link of NAV_LINKS) {
    await nav.getByRole('link', { name: link.label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${link.href === '/' ? '/$' : link.href}`));
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  }
});
