// The database the e2e web server (e2e/support/serve.mjs) runs against for a given port, derived the same way
// it derives it, so tests can seed spans into it. Each Playwright project has its own server and database.
export function e2eDatabaseUrl(port: string = process.env.E2E_PORT ?? '3100'): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${process.env.E2E_DATABASE ?? `${process.env.E2E_DATABASE_PREFIX ?? 'tracehound_e2e'}_${port}`}`;
  return url.toString();
}

/** The port of a project's baseURL (http://127.0.0.1:PORT). */
export function portOf(baseURL: string | undefined): string {
  if (!baseURL) throw new Error('the Playwright project has no baseURL');
  return new URL(baseURL).port;
}
