// Investigations in real Chromium against the built app and real Postgres: start one from a demo trace's
// finding, pin a span, a log query and a note (with an XSS attempt that must stay text), write and save the
// postmortem, export HTML and open it offline; two browser contexts see each other's evidence without reloading
// (the page polls every 2 s; the wait is Playwright's default expect timeout, 5 s, as the issue asks).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_ADMIN_TOKEN } from '../playwright.config';
import { sendE2eTraces } from './support/send-e2e-traces';
import { E2E_TRACE_ID } from './support/e2e-traces';
import { TracePageObject } from './pages/trace-page';
import { InvestigationPageObject, addToInvestigation } from './pages/investigation-page';

const TITLE = 'Checkout errors (e2e)';
const XSS_NOTE = `Suspect [the checkout trace](/traces/${E2E_TRACE_ID}). <script>window.__xss = 1</script> <img src=x onerror="window.__xss = 2">`;

test.beforeAll(async ({ request }) => {
  await sendE2eTraces(request);
});

test('an investigation from a finding, with a span, a log query and a note, becomes a postmortem that works offline', async ({ page, browser }) => {
  const trace = new TracePageObject(page);
  await trace.open(E2E_TRACE_ID);
  await page.getByTestId('findings-summary').click();
  const finding = page.getByTestId('findings').locator('li').filter({ hasText: 'root-cause-error' }).first();
  await expect(finding).toBeVisible({ timeout: 30_000 });
  await addToInvestigation(page, finding.getByTestId('add-finding-to-investigation'), { newTitle: TITLE });

  // Pin a span from its detail panel, into the investigation just started.
  await trace.row('POST /pay').click();
  await expect(trace.detail.locator('h2')).toHaveText('POST /pay');
  await addToInvestigation(page, trace.detail.getByTestId('add-span-to-investigation'), { existing: TITLE });
  await expect(page.getByTestId('trace-investigations')).toContainText(TITLE);

  // A log query with its range.
  await page.goto(`/logs?query=${encodeURIComponent('{service_name="payment"} |= "declined"')}&from=now-1h&to=now`);
  const added = await addToInvestigation(page, page.getByTestId('add-logs-to-investigation'), { existing: TITLE });
  await added.getByRole('link', { name: TITLE }).click();

  const inv = new InvestigationPageObject(page);
  await expect(inv.title).toHaveText(TITLE);
  await inv.addNote(XSS_NOTE);
  await expect(inv.items).toHaveCount(4);
  expect(await inv.items.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['finding', 'span', 'log-query', 'note']);
  const note = inv.note('Suspect');
  // The HTML in the note is shown as text, never run; the trace link shows the trace's summary.
  await expect(note).toContainText('<script>window.__xss = 1</script>');
  await expect(note).toContainText('<img src=x onerror=');
  await expect(note.locator('img, script')).toHaveCount(0);
  await expect(note.getByTestId('trace-summary-chip')).toContainText('GET /checkout');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(inv.items.first().getByTestId('item-author')).not.toBeEmpty();

  // The postmortem draft: root cause from the finding; saved as version 1.
  await page.getByTestId('write-postmortem').click();
  const text = page.getByTestId('postmortem-text');
  await expect(text).toHaveValue(/## Root cause\n\n- \*\*root-cause-error\*\*/);
  await expect(text).toHaveValue(/## Timeline/);
  await page.getByTestId('postmortem-save').click();
  await expect(page.getByTestId('postmortem')).toContainText('Saved version 1');

  // Export HTML and open the file in a fresh context that cannot reach any server.
  const id = inv.id();
  const exported = await page.request.get(`/api/investigations/${id}/postmortem?format=html`);
  expect(exported.status()).toBe(200);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'th-postmortem-')), 'postmortem.html');
  writeFileSync(file, await exported.body());
  const offline = await browser.newContext({ offline: true, javaScriptEnabled: true });
  const doc = await offline.newPage();
  const requests: string[] = [];
  doc.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await doc.goto(`file://${file}`);
  await expect(doc.locator('h1')).toContainText(`Postmortem: ${TITLE}`);
  await expect(doc.locator('svg.waterfall-figure')).toHaveCount(1);
  await expect(doc.locator('svg.waterfall-figure g[data-span-id]')).not.toHaveCount(0);
  expect(await doc.locator(`a[href*="/traces/${E2E_TRACE_ID}"]`).count()).toBeGreaterThan(0);
  expect(await doc.locator(`a[href*="/investigations/${id}#item-"]`).count()).toBeGreaterThan(0);
  await expect(doc.locator('body')).toContainText('<script>window.__xss = 1</script>');
  expect(await doc.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(requests).toEqual([]);
  await offline.close();
});

test('two people adding evidence at once see each other within 5 s', async ({ browser, request }) => {
  const created = await request.post('/api/investigations', { data: { title: 'Shared incident (e2e)' } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const contexts = await Promise.all([0, 1].map(() => browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` } })));
  const [a, b] = await Promise.all(contexts.map(async (c) => new InvestigationPageObject(await c.newPage())));
  await a!.open(id);
  await b!.open(id);
  await a!.addNote('from A');
  await expect(b!.note('from A')).toBeVisible();
  await b!.addNote('from B');
  await expect(a!.note('from B')).toBeVisible();
  // Facts change for everyone too: A marks it mitigated and names an owner.
  await a!.page.getByTestId('investigation-status').selectOption('mitigated');
  await a!.page.getByTestId('edit-details').click();
  await a!.page.getByLabel('Owner').fill('incident-commander');
  await a!.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(b!.page.getByTestId('investigation-status')).toHaveValue('mitigated');
  await expect(b!.page.getByTestId('investigation')).toContainText('incident-commander');
  await Promise.all(contexts.map((c) => c.close()));
});
