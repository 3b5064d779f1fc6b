// `tracehound users add` and `tracehound tokens create|list|revoke`: bootstrap, CI and recovery straight on the
// configured database (DATABASE_URL, or the embedded one in TRACEHOUND_DATA_DIR while the server is stopped).
// Loaded only for these commands (bin/tracehound.mjs), under the react-server condition that `server-only` needs.
import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import type { CliIo } from './run-analyze';
import { isRole } from '../domain/auth/roles';
import { loadConfig } from '../server/config/load-config';
import { openDatabase } from '../server/db/database';
import { createLocalUser } from '../server/auth/users';
import { recordAudit } from '../server/audit/record-audit';
import { createApiToken, isTokenScope, listApiTokens, revokeApiToken } from '../server/auth/api-tokens';

const USERS_USAGE =
  'usage: tracehound users add --email E --role viewer|responder|operator|admin [--name N] [--tenant T]... [--password-env VAR]\n  (without --password-env the password is read from standard input)';
const TOKENS_USAGE = 'usage: tracehound tokens create --name N --role viewer|responder|operator|admin|ingest [--tenant T]\n       tracehound tokens list\n       tracehound tokens revoke ID';

export interface AccountsIo extends CliIo {
  readStdin: () => Promise<string>;
}

async function withDatabase<T>(io: CliIo, work: (pool: Pool) => Promise<T>): Promise<T> {
  const db = await openDatabase(loadConfig(io.env));
  try {
    return await work(db.pool);
  } finally {
    await db.close();
  }
}

const CLI_ACTOR = { kind: 'anonymous', id: 'cli', name: 'cli' } as const;

export async function runUsers(args: readonly string[], io: AccountsIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add') {
    io.stderr(`${USERS_USAGE}\n`);
    return 2;
  }
  const { values } = parseArgs({
    args: [...rest],
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, tenant: { type: 'string', multiple: true }, 'password-env': { type: 'string' } },
    strict: true,
  });
  if (!values.email || !values.role) {
    io.stderr(`${USERS_USAGE}\n`);
    return 2;
  }
  if (!isRole(values.role)) {
    io.stderr(`--role must be viewer, responder, operator or admin, not "${values.role}"\n`);
    return 2;
  }
  const role = values.role;
  const envName = values['password-env'];
  const password = envName ? io.env[envName] : (await io.readStdin()).replace(/\r?\n$/, '');
  if (!password) {
    io.stderr(envName ? `${envName} is empty or unset\n` : 'no password on standard input\n');
    return 2;
  }
  const user = await withDatabase(io, async (pool) => {
    const created = await createLocalUser(pool, { email: values.email!, password, role, name: values.name, tenants: values.tenant ?? null });
    await recordAudit(pool, { actor: CLI_ACTOR, action: 'user.create', target: created.id, details: { email: created.email, role, via: 'cli' } });
    return created;
  });
  io.stdout(`created ${user.role} ${user.email} (${user.id})\n`);
  return 0;
}

export async function runTokens(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values } = parseArgs({ args: [...rest], options: { name: { type: 'string' }, role: { type: 'string' }, tenant: { type: 'string' } }, strict: true });
    if (!values.name || !values.role) {
      io.stderr(`${TOKENS_USAGE}\n`);
      return 2;
    }
    if (!isTokenScope(values.role)) {
      io.stderr(`--role must be viewer, responder, operator, admin or ingest, not "${values.role}"\n`);
      return 2;
    }
    const scope = values.role;
    const { token, record } = await withDatabase(io, async (pool) => {
      const made = await createApiToken(pool, { name: values.name!, scope, tenant: values.tenant ?? null, createdBy: 'cli' });
      await recordAudit(pool, { actor: CLI_ACTOR, action: 'token.create', target: made.record.id, details: { name: made.record.name, scope, tenant: made.record.tenant, via: 'cli' } });
      return made;
    });
    // The token alone on stdout (scripts capture it); what it is on stderr.
    io.stdout(`${token}\n`);
    io.stderr(`created ${record.scope} token "${record.name}" (${record.id})${record.tenant ? ` for tenant ${record.tenant}` : ''}; it is not shown again\n`);
    return 0;
  }
  if (sub === 'list') {
    const tokens = await withDatabase(io, (pool) => listApiTokens(pool));
    for (const t of tokens) io.stdout(`${t.id}\t${t.name}\t${t.scope}\t${t.tenant ?? '*'}\t${t.revokedAt ? 'revoked' : 'live'}\t${t.lastUsedAt ?? 'never used'}\n`);
    return 0;
  }
  if (sub === 'revoke' && rest.length === 1) {
    const revoked = await withDatabase(io, async (pool) => {
      const done = await revokeApiToken(pool, rest[0]!);
      if (done) await recordAudit(pool, { actor: CLI_ACTOR, action: 'token.revoke', target: rest[0]!, details: { via: 'cli' } });
      return done;
    });
    if (!revoked) {
      io.stderr(`no live token ${rest[0]}\n`);
      return 1;
    }
    io.stdout(`revoked ${rest[0]}\n`);
    return 0;
  }
  io.stderr(`${TOKENS_USAGE}\n`);
  return 2;
}

/** Entry of bin/tracehound.mjs for `users` and `tokens`. */
export async function main(argv: readonly string[], io: AccountsIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    return command === 'users' ? await runUsers(rest, io) : await runTokens(rest, io);
  } catch (error) {
    // Bad options, a taken email, an unreachable database: one line, no stack.
    io.stderr(`tracehound ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}
