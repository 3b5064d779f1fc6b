// Page objects for /chaos and /chaos/runs/{id}.
import { expect, type Locator, type Page } from '@playwright/test';

export class ChaosPageObject {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/chaos');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Chaos' })).toBeVisible();
  }

  async enterExperiment(experiment: unknown): Promise<void> {
    await this.page.getByLabel('Experiment JSON').fill(JSON.stringify(experiment, null, 2));
  }

  /** Appends a fault through the form row (not the JSON). */
  async addFault(fault: { agent: string; route: string; type: string; amount?: number; percent: number }): Promise<void> {
    await this.page.getByLabel('Fault agent').fill(fault.agent);
    await this.page.getByLabel('Fault route').fill(fault.route);
    await this.page.getByLabel('Fault type').selectOption(fault.type);
    if (fault.amount !== undefined) await this.page.getByLabel('Fault amount').fill(String(fault.amount));
    await this.page.getByLabel('Fault percent').fill(String(fault.percent));
    await this.page.getByRole('button', { name: 'Add fault' }).click();
  }

  async expectValid(): Promise<void> {
    await expect(this.page.getByRole('status')).toContainText('valid experiment');
  }

  async start(): Promise<string> {
    await this.page.getByRole('button', { name: 'Start run' }).click();
    await this.page.waitForURL(/\/chaos\/runs\/[0-9a-f-]{36}$/);
    return this.page.url().split('/').at(-1)!;
  }

  run(): Locator {
    return this.page.locator('.chaos-run');
  }
}
