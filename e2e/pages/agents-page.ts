// Page object for /agents.
import { expect, type Locator, type Page } from '@playwright/test';

export class AgentsPageObject {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/agents');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.locator(`tr[data-agent="${name}"]`);
  }

  faults(name: string): Locator {
    return this.row(name).locator('[data-fault]');
  }

  async halt(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: 'Halt' }).click();
  }
}
