// Page object for /investigations/{id} and the "Add to investigation" popover used on other pages.
import { expect, type Locator, type Page } from '@playwright/test';

export class InvestigationPageObject {
  readonly title: Locator;
  readonly items: Locator;
  readonly noteInput: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByTestId('investigation-title');
    this.items = page.getByTestId('timeline-item');
    this.noteInput = page.getByTestId('note-input');
  }

  async open(id: string): Promise<void> {
    await this.page.goto(`/investigations/${id}`);
    await expect(this.title).toBeVisible();
  }

  id(): string {
    return /\/investigations\/([0-9a-f-]{36})/.exec(this.page.url())![1]!;
  }

  async addNote(body: string): Promise<void> {
    await this.noteInput.fill(body);
    await this.page.getByTestId('note-submit').click();
    await expect(this.noteInput).toHaveValue('');
  }

  note(text: string): Locator {
    return this.items.filter({ hasText: text });
  }
}

/** Clicks an "Add to investigation" button and adds to the named existing investigation, or a new one. The
 * popover is looked up next to its button: another one may still be open elsewhere on the page. */
export async function addToInvestigation(page: Page, button: Locator, target: { existing: string } | { newTitle: string }): Promise<Locator> {
  const container = button.locator('xpath=..');
  await button.click();
  const form = container.getByTestId('add-to-investigation-form');
  await expect(form).toBeVisible();
  if ('newTitle' in target) {
    await form.getByLabel('Investigation', { exact: true }).selectOption({ label: 'New investigation…' });
    await form.getByLabel('New investigation title').fill(target.newTitle);
  } else {
    await form.getByLabel('Investigation', { exact: true }).selectOption({ label: target.existing });
  }
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  const added = container.getByTestId('added-to-investigation');
  await expect(added).toBeVisible();
  return added;
}
