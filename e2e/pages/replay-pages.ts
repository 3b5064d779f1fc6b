// Page objects of the replay pages: the editor (/replays/new) and a run (/replays/{id}).
import type { Locator, Page } from '@playwright/test';

export class ReplayEditorObject {
  constructor(private readonly page: Page) {}
  get path(): Locator {
    return this.page.getByLabel('Path and query');
  }
  get headers(): Locator {
    return this.page.getByLabel('Headers');
  }
  async replay(): Promise<void> {
    await this.page.getByRole('button', { name: 'Replay', exact: true }).click();
  }
}

export class ReplayRunObject {
  constructor(private readonly page: Page) {}
  get requests(): Locator {
    return this.page.getByTestId('replay-request');
  }
  get totals(): Locator {
    return this.page.getByTestId('replay-totals');
  }
  get bodyChanges(): Locator {
    return this.page.getByTestId('body-changes');
  }
  get compareLink(): Locator {
    return this.page.getByTestId('compare-traces');
  }
}
