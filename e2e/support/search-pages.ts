// Page objects for the search and services pages.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { e2eDatabaseUrl, portOf } from './e2e-database-url';

export function seedSearchData(baseURL: string | undefined): void {
  const root = path.resolve(__dirname, '..', '..');
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=react-server', path.join(root, 'e2e/support/seed-search.ts'), e2eDatabaseUrl(portOf(baseURL))], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`seeding failed: ${result.stderr}`);
}

export class SearchPage {
  readonly query: Locator;
  readonly rows: Locator;
  readonly points: Locator;
  readonly scatter: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.query = page.getByLabel('TraceQL query');
    this.rows = page.getByTestId('search-results').locator('tbody tr');
    this.points = page.getByTestId('scatter-point');
    this.scatter = page.getByTestId('duration-scatter');
    this.error = page.getByTestId('query-error');
  }

  async goto(q = '', range = { from: 'now-1h', to: 'now' }): Promise<void> {
    await this.page.goto(`/search?${new URLSearchParams({ q, ...range })}`);
    // Typing before hydration is lost when React takes over the input.
    await this.page.locator('.search-view[data-hydrated="true"]').waitFor();
  }

  async search(q: string): Promise<void> {
    await this.query.fill(q);
    await this.page.getByRole('button', { name: 'Search', exact: true }).click();
  }

  async rootNames(): Promise<string[]> {
    return this.rows.locator('td:nth-child(2)').allInnerTexts();
  }
}

export class ServicesPage {
  readonly map: Locator;
  readonly cycles: Locator;
  readonly stats: Locator;
  readonly edgeDetails: Locator;

  constructor(readonly page: Page) {
    this.map = page.getByTestId('service-map');
    this.cycles = page.getByTestId('cycles');
    this.stats = page.getByTestId('service-stats');
    this.edgeDetails = page.getByTestId('edge-details');
  }

  node(service: string): Locator {
    return this.page.locator(`[data-testid="service-node"][data-service="${service}"]`);
  }

  edge(parent: string, child: string): Locator {
    return this.page.locator(`[data-testid="service-edge"][data-edge="${parent}→${child}"]`);
  }

  /** The clickable midpoint handle of an edge (a curve's bounding-box centre is not on the curve). */
  edgeHandle(parent: string, child: string): Locator {
    return this.edge(parent, child).getByTestId('edge-handle');
  }
}
