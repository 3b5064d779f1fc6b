// Search page and service map in real Chromium against the built app and real Postgres (data: the search
// fixture, seeded once; see e2e/support/seed-search.ts).
import { expect, test } from '@playwright/test';
import { SearchPage, ServicesPage, seedSearchData } from './support/search-pages';

const A = 'a0000000000000000000000000000001';

// The search project has a server and database of its own (playwright.config.ts), so other specs' traces
// never show up in these result counts.
test.beforeAll(({}, testInfo) => seedSearchData(testInfo.project.use.baseURL));

test('a TraceQL query finds error traces; table sorts; scatter marks errors; the URL holds the query', async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto();
  await search.search('{ status = error }');
  await expect(page).toHaveURL(/q=%7B\+status\+%3D\+error\+%7D/);
  await expect(search.rows).toHaveCount(3);
  expect(await search.rootNames()).toEqual(['gateway: GET /checkout', 'payment: charge', 'auth: login']);
  await expect(search.points).toHaveCount(3);
  await expect(page.locator('[data-testid="scatter-point"].point-error')).toHaveCount(3);

  await page.getByRole('button', { name: /^Duration/ }).click();
  await expect(search.rows.first()).toContainText('payment: charge');
  await expect(search.rows.first()).toContainText('2s');

  // Reloading the shared URL restores the query and results.
  await page.reload();
  await expect(search.query).toHaveValue('{ status = error }');
  await expect(search.rows).toHaveCount(3);
});

test('result rows show a short id, the root outcome and the matched spans; a whole-row click opens the trace; page size', async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto('{ name = "charge" }');
  await expect(search.rows).toHaveCount(2);
  const a = search.rows.filter({ hasText: 'GET /checkout' });
  await expect(a.locator('td').first()).toHaveText('a0000000');
  await expect(a.getByTestId('root-outcome')).toHaveText('500');
  await expect(a.getByTestId('matched-spans')).toHaveText('payment charge');
  await expect(a.getByTestId('matched-spans').getByRole('link')).toHaveAttribute('href', `/traces/${A}?span=a000000000000003&details=1`);
  // C's root is the matched span itself and it failed.
  const c = search.rows.filter({ hasText: 'payment: charge' });
  await expect(c.getByTestId('root-outcome')).toHaveText('503 · error');

  await page.getByRole('combobox', { name: 'Per page' }).selectOption('50');
  await expect(page).toHaveURL(/limit=50/);
  await expect(search.rows).toHaveCount(2);

  // A click on a plain cell (the duration) opens the trace at the matched span.
  await a.locator('td').nth(5).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${A}\\?span=a000000000000003`));
});

test('no pager on an empty result', async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto('{ name = "no-such-span-anywhere" }');
  await expect(page.getByTestId('result-summary')).toHaveText('No traces match.');
  await expect(page.getByRole('button', { name: 'Next' })).toHaveCount(0);
});

test('structural queries and the form', async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto('{ resource.service.name = "gateway" } >> { status = error }');
  await expect(search.rows).toHaveCount(1);
  await expect(search.rows.first()).toContainText('gateway: GET /checkout');

  await page.getByText('Build a query').click();
  await page.getByRole('combobox', { name: 'Service', exact: true }).selectOption('payment');
  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('error');
  await page.getByRole('button', { name: 'Build query' }).click();
  await expect(search.query).toHaveValue('{ resource.service.name = "payment" && status = error }');
  await expect(search.rows).toHaveCount(2);
});

test("the builder's drop-downs list stored services, operations, attribute names and values", async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto();
  await page.getByText('Build a query').click();
  await expect(page.getByRole('combobox', { name: 'Service', exact: true }).locator('option')).toHaveText(['any', 'auth', 'gateway', 'payment']);
  // (Order is the database collation's; only membership matters here.)
  for (const name of ['GET /checkout', 'GET /health', 'charge', 'refund']) {
    await expect(page.getByRole('combobox', { name: 'Operation', exact: true }).locator('option', { hasText: name })).toHaveCount(1);
  }
  const attribute = page.getByRole('combobox', { name: 'Attribute', exact: true });
  await expect(attribute.locator('option', { hasText: 'span.http.route' })).toHaveCount(1);
  await attribute.selectOption('span.http.route');
  const value = page.getByRole('combobox', { name: 'Value', exact: true });
  await expect(value.locator('option')).toHaveText(['any', '/checkout', '/health']);
  await value.selectOption('/health');
  await page.getByRole('combobox', { name: 'Operation', exact: true }).selectOption('GET /health');
  await page.getByRole('button', { name: 'Build query' }).click();
  await expect(search.query).toHaveValue('{ name = "GET /health" && span.http.route = "/health" }');
  await expect(search.rows).toHaveCount(1);
  await expect(search.rows.first()).toContainText('gateway: GET /health');
});

test('TraceQL completion: fields, operators and stored values, by keyboard', async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto();
  const list = page.getByTestId('traceql-suggestions');
  const options = list.getByRole('option');
  await search.query.click();
  await search.query.pressSequentially('{ ');
  await expect(options.filter({ hasText: /^status\b/ })).toHaveCount(1);
  await expect(options.filter({ hasText: 'resource.service.name' })).toHaveCount(1);
  await search.query.pressSequentially('resource.serv');
  await expect(options).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(search.query).toHaveValue('{ resource.service.name ');
  // Operators next; Down then Enter takes the first.
  await expect(options.first()).toContainText('=');
  await page.keyboard.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(search.query).toHaveValue('{ resource.service.name = ');
  // Values of that field, from the store, quoted.
  await expect(options.locator('.mono')).toHaveText(['"auth"', '"gateway"', '"payment"']);
  await search.query.pressSequentially('"pa');
  await expect(options.locator('.mono')).toHaveText(['"payment"']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(search.query).toHaveValue('{ resource.service.name = "payment" ');
  // Connectors after a value; Esc closes the list, and Enter then searches.
  await expect(options.locator('.mono')).toHaveText(['&&', '||', '}']);
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await search.query.pressSequentially('}');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=%7B\+resource.service.name\+%3D\+%22payment%22\+%7D/);
  await expect(search.rows).toHaveCount(3);
});

test('sorting is done by the server and kept in the URL; the scatter fits the data and has a legend', async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto('{ }');
  await expect(search.rows).toHaveCount(5);
  await page.getByRole('button', { name: /^Spans/ }).click();
  await expect(page).toHaveURL(/sort=spans&order=desc/);
  await expect(search.rows.first()).toContainText('gateway: GET /checkout');
  await page.getByRole('button', { name: /^Spans/ }).click();
  await expect(page).toHaveURL(/sort=spans&order=asc/);
  await expect(search.rows.first()).toContainText('gateway: GET /health');
  await page.reload();
  await expect(search.rows.first()).toContainText('gateway: GET /health');
  await expect(page.getByRole('columnheader', { name: /^Spans/ })).toHaveAttribute('aria-sort', 'ascending');

  await expect(page.getByTestId('scatter-legend')).toContainText('with errors');
  // The five traces start within 3.5 s of each other in a one-hour window: on the whole window they would sit
  // within one unit of the 900-wide plot; fitted to the data (at least 10 s wide) they spread over ~260.
  await expect(search.points).toHaveCount(5);
  const xs = await search.points.evaluateAll((els) => els.map((e) => Number(e.getAttribute('cx'))));
  expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(200);
});

test('a malformed query shows the position and what was expected', async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto();
  await search.search('{ status = error }; DROP TABLE spans');
  await expect(search.error).toContainText("unexpected character ';' at position 18");
  await search.search('{ status = }');
  await expect(search.error).toContainText('expected a status (error, ok, unset) but found');
  await expect(search.error).toContainText('at position 11');
});

test('clicking a point opens the trace; brushing narrows the range', async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto('{ resource.service.name = "gateway" } >> { status = error }');
  await expect(search.points).toHaveCount(1);
  await search.points.first().click();
  // The trace opens with the matched span (a3, the payment error under gateway) selected.
  await expect(page).toHaveURL(new RegExp(`/traces/${A}\\?span=a000000000000003$`));

  await search.goto('{ }');
  await expect(search.points).toHaveCount(5);
  const box = (await search.scatter.boundingBox())!;
  // The time axis fits the data (3.5 s of starts in an 11 s domain): the points sit at ~38-67 % of the
  // width. Drag over 20-85 %.
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.85, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/from=\d{13}&to=\d{13}/);
  await expect(search.points).toHaveCount(5);
  await expect(page.getByTestId('time-range-button')).toContainText('→');
});

test('home shows search once data exists', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Traces');
  await expect(new SearchPage(page).rows).toHaveCount(5);
});

test('service map: nodes, cycle, latency on hover, click to search', async ({ page }) => {
  const services = new ServicesPage(page);
  await page.goto('/services');
  await expect(services.map).toBeVisible();
  await expect(page.getByTestId('service-node')).toHaveCount(3);
  await expect(services.node('gateway')).toHaveClass(/in-cycle/);
  await expect(services.node('auth')).not.toHaveClass(/in-cycle/);
  await expect(services.cycles).toContainText('gateway → payment → gateway');
  await expect(services.stats.locator('tbody tr')).toHaveCount(3);
  await expect(services.stats.locator('tr[data-service="payment"]')).toContainText('66.7%');

  await services.edgeHandle('gateway', 'payment').hover();
  await expect(services.edgeDetails).toContainText('gateway → payment: 1 calls');
  await expect(services.edgeDetails).toContainText('p99 120ms');

  await services.node('payment').click();
  await expect(page).toHaveURL(/\/search\?q=%7B\+resource.service.name\+%3D\+%22payment%22\+%7D/);
  await expect(new SearchPage(page).rows).toHaveCount(3);

  // Clicking an edge searches for calls across it: { parent } > { child }.
  await page.goBack();
  await services.edgeHandle('payment', 'gateway').click();
  await expect(new SearchPage(page).query).toHaveValue('{ resource.service.name = "payment" } > { resource.service.name = "gateway" }');
  await expect(new SearchPage(page).rows).toHaveCount(1);
});
