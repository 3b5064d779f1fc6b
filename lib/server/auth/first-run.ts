import 'server-only';
// First run on a bare machine: with no account yet, startup prints a one-time setup link (random token, valid
// 1 h, only its hash stored) where the first visitor creates the admin account. TRACEHOUND_ADMIN_EMAIL/_PASSWORD
// and TRACEHOUND_BOOTSTRAP_TOKEN do the same without a browser (CI, containers).
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Config } from '../config/config-schema';
import type { Queryable } from '../db/queryable';
import { withTransaction } from '../db/with-transaction';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../http/app-error';
import { createApiToken, hashToken } from './api-tokens';
import { countUsers, createLocalUser, type UserAccount } from './users';

export const SETUP_TOKEN_TTL_MINUTES = 60;
const SYSTEM = { kind: 'anonymous', id: 'system', name: 'system' } as const;

export interface FirstRunResult {
  /** The setup token to print as a link, when no account exists. */
  setupToken: string | null;
  createdAdmin: string | null;
  createdBootstrapToken: boolean;
}

export async function prepareFirstRun(db: Queryable, config: Config): Promise<FirstRunResult> {
  const result: FirstRunResult = { setupToken: null, createdAdmin: null, createdBootstrapToken: false };
  if (config.AUTH_MODE === 'off') return result;
  if (config.TRACEHOUND_ADMIN_EMAIL && config.TRACEHOUND_ADMIN_PASSWORD) {
    const email = config.TRACEHOUND_ADMIN_EMAIL.toLowerCase();
    const { rowCount } = await db.query(`SELECT 1 FROM auth_user WHERE email = $1`, [email]);
    if (!rowCount) {
      try {
        await createLocalUser(db, { email, password: config.TRACEHOUND_ADMIN_PASSWORD, role: 'admin' });
        await recordAudit(db, { actor: SYSTEM, action: 'user.create', target: email, details: { role: 'admin', via: 'TRACEHOUND_ADMIN_EMAIL' } });
        result.createdAdmin = email;
      } catch (error) {
        // Another instance created it at the same moment.
        if (!(error instanceof AppError && error.code === 'conflict')) throw error;
      }
    }
  }
  if (config.TRACEHOUND_BOOTSTRAP_TOKEN) {
    const { rowCount } = await db.query(`SELECT 1 FROM api_tokens WHERE token_hash = $1`, [hashToken(config.TRACEHOUND_BOOTSTRAP_TOKEN)]);
    if (!rowCount) {
      const { record } = await createApiToken(db, { name: 'bootstrap', scope: 'admin', createdBy: 'system', secret: config.TRACEHOUND_BOOTSTRAP_TOKEN });
      await recordAudit(db, { actor: SYSTEM, action: 'token.create', target: record.id, details: { name: 'bootstrap', scope: 'admin', via: 'TRACEHOUND_BOOTSTRAP_TOKEN' } });
      result.createdBootstrapToken = true;
    }
  }
  if ((await countUsers(db)) === 0) {
    const token = randomBytes(24).toString('base64url');
    await db.query(
      `INSERT INTO app_settings (key, value, expires_at) VALUES ('setup_token', $1, now() + make_interval(mins => $2))
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
      [hashToken(token).toString('hex'), SETUP_TOKEN_TTL_MINUTES],
    );
    result.setupToken = token;
  }
  return result;
}

/** True while a setup token is pending and no account exists (the setup page shows its form). */
export async function setupPending(db: Queryable): Promise<boolean> {
  const { rowCount } = await db.query(`SELECT 1 FROM app_settings WHERE key = 'setup_token' AND expires_at > now()`);
  return Boolean(rowCount) && (await countUsers(db)) === 0;
}

export interface SetupInput {
  token: string;
  email: string;
  password: string;
  name?: string;
}

/** Creates the first admin with a valid setup token; the token is used up. One winner under concurrency. */
export async function completeSetup(pool: pg.Pool, input: SetupInput, ip: string | null): Promise<UserAccount> {
  return withTransaction(pool, 'BEGIN', async (client) => {
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM app_settings WHERE key = 'setup_token' AND expires_at > now() FOR UPDATE`);
    const valid = rows[0] && rows[0].value === hashToken(input.token).toString('hex');
    if (!valid || (await countUsers(client)) > 0) {
      await recordAudit(pool, {
        actor: { kind: 'anonymous', id: 'anonymous', name: input.email || 'unknown' },
        action: 'auth.setup',
        outcome: 'failure',
        ip,
        details: { reason: 'invalid, expired or used setup token' },
      });
      throw new AppError('forbidden', 'This setup link is invalid, expired or already used. Restart Tracehound for a new one.');
    }
    const user = await createLocalUser(client, { email: input.email, password: input.password, name: input.name, role: 'admin' });
    await client.query(`DELETE FROM app_settings WHERE key = 'setup_token'`);
    await recordAudit(client, { actor: { kind: 'user', id: user.id, name: user.email }, action: 'auth.setup', target: user.id, ip, details: { role: 'admin' } });
    return user;
  });
}
