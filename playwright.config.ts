// Playwright e2e in real Chromium against the built app (`next build` first). The app runs on E2E_PORT with
// a fresh database (E2E_DATABASE_URL or a per-port default), recreated by e2e/support/prepare-database.mjs.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const databaseUrl = process.env.E2E_DATABASE_URL ?? `postgresql://postgres@127.0.0.1:5432/th_e2e_${port}`;
process.env.E2E_DATABASE_URL = databaseUrl;

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    },
  },
  webServer: {
    command: `node e2e/support/prepare-database.mjs && node node_modules/next/dist/bin/next start -p ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { DATABASE_URL: databaseUrl },
  },
});
