// Page object for /compare.
import { expect, type Locator, type Page } from '@playwright/test';

export class ComparePageObject {
  readonly rows: Locator;
  readonly summary: Locator;
  readonly nodePanel: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('compare-row');
    this.summary = page.getByTestId('diff-summary');
    this.nodePanel = page.getByTestId('compare-node-panel');
  }

  async open(a: string, b: string, extra = ''): Promise<void> {
    await this.page.goto(`/compare?a=${a}&b=${b}${extra}`);
    await expect(this.rows.first()).toBeVisible({ timeout: 30_000 });
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('compare-row-name').getByText(name, { exact: true }) });
  }

  /** "change name" per visible row, in order. */
  async rowSummaries(): Promise<string[]> {
    const rows = await this.rows.all();
    return Promise.all(rows.map(async (r) => `${await r.getAttribute('data-change')} ${await r.getByTestId('compare-row-name').textContent()}`));
  }

  search(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }
}
