// Page object for /traces/{traceId}.
import { expect, type Locator, type Page } from '@playwright/test';

export class TracePageObject {
  readonly rows: Locator;
  /** The server-rendered first screenful, shown until the worker's rows exist. */
  readonly previewRows: Locator;
  readonly detail: Locator;
  readonly findInput: Locator;
  readonly findCount: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('span-row');
    this.previewRows = page.getByTestId('span-row-preview');
    this.detail = page.getByTestId('span-detail');
    this.findInput = page.getByTestId('find-input');
    this.findCount = page.getByTestId('find-count');
  }

  async open(traceId: string, query = ''): Promise<void> {
    await this.page.goto(`/traces/${traceId}${query}`);
    await expect(this.rows.first()).toBeVisible({ timeout: 30_000 });
  }

  /**
   * The analysis merged: what it adds above the waterfall (the likely cause, the findings) is laid out. Tests that
   * aim the mouse or read positions wait for this, or the layout may move between measuring and acting.
   */
  async analyzed(): Promise<void> {
    await expect(this.page.locator('section.trace-page')).toHaveAttribute('data-analyzed', 'true', { timeout: 30_000 });
  }

  row(name: string): Locator {
    return this.rows.filter({ hasText: name });
  }

  async rowNames(): Promise<string[]> {
    return this.rows.locator('.span-row-label').allTextContents();
  }

  /** Left edge of a row's bar as a percentage of the timeline column. */
  async barLeft(name: string): Promise<number> {
    const style = await this.row(name).locator('.span-bar').getAttribute('style');
    return Number(/left:\s*([-\d.e]+)%/.exec(style ?? '')?.[1]);
  }

  search(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }
}
