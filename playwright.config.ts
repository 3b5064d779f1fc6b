import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// e2e runs real Chromium against the production build (`next build` must have run: `npm run test:e2e` does it).
// Playwright cannot download browsers here, so we use the system Chromium when present.
// Two projects, each with its own server and database: search asserts exact result counts over "the last hour",
// which other specs' traces would disturb.
const port = Number(process.env.E2E_PORT ?? 3100);
const searchPort = port + 1;
export const CROSS_ORIGIN_PAGE_PORTS = { refused: port + 10, allowed: port + 11 };
const systemChromium = '/usr/bin/chromium';
// Every page and API read needs a role: the shared e2e servers start with this admin API token
// (TRACEHOUND_BOOTSTRAP_TOKEN, set in e2e/support/serve.mjs) and the browser sends it on every request. The
// auth project signs in like a person instead, against a server of its own.
export const E2E_ADMIN_TOKEN = 'th_e2e-admin-token-0123456789abcdefghijklmnop';
const asAdmin = { extraHTTPHeaders: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` } };

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    launchOptions: {
      executablePath: existsSync(systemChromium) ? systemChromium : undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    },
  },
  projects: [
    { name: 'chromium', testIgnore: /(search|auth)\.spec\.ts/, use: { browserName: 'chromium', ...asAdmin } },
    { name: 'search', testMatch: /search\.spec\.ts/, use: { browserName: 'chromium', baseURL: `http://127.0.0.1:${searchPort}`, ...asAdmin } },
    { name: 'auth', testMatch: /auth\.spec\.ts/, use: { browserName: 'chromium' } },
  ],
  webServer: [port, searchPort].map((p) => ({
    command: 'node e2e/support/serve.mjs',
    url: `http://127.0.0.1:${p}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    // SIGTERM, not SIGKILL: serve.mjs then stops the app and drops its database.
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
    // The cross-origin spec serves pages on port + 10 (refused) and port + 11 (listed for CORS); the trace page
    // spec needs a value longer than the default attribute limit.
    env: {
      E2E_PORT: String(p),
      TRACEHOUND_BOOTSTRAP_TOKEN: E2E_ADMIN_TOKEN,
      TRACEHOUND_URL: `http://127.0.0.1:${p}`,
      CORS_ALLOWED_ORIGINS: `http://127.0.0.1:${port + 11}`,
      ATTRIBUTE_VALUE_LENGTH_LIMIT: '0',
      // Chaos on (e2e/chaos.spec.ts) with a fast engine tick; AUTH_MODE stays on, as CHAOS_ENABLED requires.
      CHAOS_ENABLED: 'true',
      CHAOS_TICK_MS: '500',
      // No OTLP/gRPC receiver: e2e servers (two per run, several runs per machine) would contend for 4317.
      OTLP_GRPC_PORT: '0',
    },
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  })),
});
