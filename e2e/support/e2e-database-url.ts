// The database the e2e web server (e2e/support/serve.mjs) runs against, derived the same way it derives it,
// so tests can seed spans into it.
export function e2eDatabaseUrl(): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${process.env.E2E_DATABASE ?? `tracehound_e2e_${process.env.E2E_PORT ?? '3100'}`}`;
  return url.toString();
}
