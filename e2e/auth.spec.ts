// Accounts in real Chromium against an app server of this spec's own (no account yet, SSO configured against a
// real OpenID Connect provider on loopback): the first-run setup link, sign-out and sign-in, SSO with the
// authorization-code + PKCE flow, an admin changing a user's role, and a cross-origin form post refused.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { freePort, startAppServer, type AppServer } from '../test/support/app-server';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { startIdentityProvider, type IdentityProvider } from './support/oidc-identity-provider';

const ADMIN = { email: 'first-admin@example.com', password: 'first-admin-password' };

let db: TestDatabase;
let app: AppServer;
let idp: IdentityProvider;
let adminContext: BrowserContext;

test.describe.configure({ mode: 'serial' });

/** Only loopback: the identity provider's dev pages import a web font, which must not leave the machine. */
async function loopbackOnly(context: BrowserContext): Promise<void> {
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  db = await createTestDatabase('th_e2e_auth');
  const appPort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}`;
  idp = await startIdentityProvider(await freePort(), appUrl);
  app = await startAppServer(
    {
      DATABASE_URL: db.url,
      TRACEHOUND_BOOTSTRAP_TOKEN: '',
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_PROVIDER_NAME: 'TestIdP',
    },
    60_000,
    appPort,
  );
  adminContext = await browser.newContext({ baseURL: app.url });
  await loopbackOnly(adminContext);
});

test.afterAll(async () => {
  await adminContext?.close();
  await app?.stop();
  await idp?.stop();
  await db?.drop();
});

async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('first run: the setup link printed at startup creates the admin, who lands signed in', async () => {
  const page = await adminContext.newPage();
  await page.goto('/search');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsearch/);
  await expect(page.getByText('open the setup link printed by the server')).toBeVisible();

  const link = /(http:\/\/\S+\/setup\?token=\S+)/.exec(app.output())?.[1];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await page.getByLabel('Admin email').fill(ADMIN.email);
  await page.getByLabel('Password (at least 10 characters)').fill(ADMIN.password);
  await page.getByLabel('Password again').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await expect(page.getByTestId('current-user')).toHaveText(`${ADMIN.email} · admin`);

  // The link is used up.
  await page.goto(link!);
  await expect(page.getByText('Setup is done or this link has expired')).toBeVisible();
});

test('sign out, then a wrong password is refused and the right one signs in', async () => {
  const page = await adminContext.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/services');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fservices/);

  await signInWithPassword(page, ADMIN.email, 'not-the-password');
  await expect(page.getByRole('alert').filter({ hasText: /invalid email or password/i })).toBeVisible();
  await signInWithPassword(page, ADMIN.email, ADMIN.password);
  await expect(page.getByTestId('current-user')).toHaveText(`${ADMIN.email} · admin`);
});

test('SSO: authorization code + PKCE through the identity provider creates a viewer; the admin promotes it and its UI follows', async ({ browser }) => {
  const ssoContext = await browser.newContext({ baseURL: app.url });
  await loopbackOnly(ssoContext);
  const page = await ssoContext.newPage();
  await page.goto('/sign-in?next=%2Fservices');
  await page.getByRole('button', { name: 'Sign in with TestIdP' }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/`));
  await page.locator('input[name=login]').fill('sso-user');
  await page.locator('input[name=password]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(`${app.url}/services`);
  await expect(page.getByTestId('current-user')).toHaveText('sso-user@sso.example · viewer');
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();

  const admin = await adminContext.newPage();
  await admin.goto('/admin');
  const row = admin.getByTestId('user-sso-user@sso.example');
  await expect(row).toContainText('oidc');
  await admin.getByLabel('Role of sso-user@sso.example').selectOption('operator');
  await expect(admin.getByLabel('Role of sso-user@sso.example')).toHaveValue('operator');
  await admin.getByLabel('Role of sso-user@sso.example').selectOption('admin');
  await expect(admin.getByLabel('Role of sso-user@sso.example')).toHaveValue('admin');

  await page.reload();
  await expect(page.getByTestId('current-user')).toHaveText('sso-user@sso.example · admin');
  await page.getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'user.role-change' }).first()).toBeVisible();
  await ssoContext.close();
});

test('a page on another origin cannot make the signed-in admin create a token', async () => {
  const evil: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><form id="f" method="POST" action="${app.url}/api/tokens" enctype="text/plain">
      <input name='{"name":"planted","role":"admin","x":"' value='"}'></form><script>document.getElementById('f').submit()</script>`);
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', () => resolve()));
  const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
  try {
    const page = await adminContext.newPage();
    const response = page.waitForResponse(`${app.url}/api/tokens`);
    await page.goto(evilUrl);
    const answer = await response;
    expect(answer.status()).toBe(403);
    expect(await answer.text()).toContain('Cross-site request refused');
    const tokens = await (await adminContext.request.get('/api/tokens')).json();
    expect(tokens.tokens.map((t: { name: string }) => t.name)).not.toContain('planted');
  } finally {
    await new Promise<void>((resolve) => evil.close(() => resolve()));
  }
});
