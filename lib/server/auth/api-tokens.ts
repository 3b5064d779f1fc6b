import 'server-only';
// API tokens for automation: shown once at creation, stored as SHA-256 (32 random bytes need no slow hash),
// scoped to a role (or `ingest`) and optionally one tenant; revocable; last use recorded.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isRole } from '@/lib/domain/auth/roles';
import type { ApiToken, TokenScope } from '@/lib/domain/auth/account-records';
export type { ApiToken, TokenScope } from '@/lib/domain/auth/account-records';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';
import { assertTenantName } from './tenant-name';

interface TokenRow {
  id: string;
  name: string;
  token_prefix: string;
  scope: TokenScope;
  tenant: string | null;
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const TOKEN_PREFIX = 'th_';

export function isTokenScope(value: unknown): value is TokenScope {
  return value === 'ingest' || isRole(value);
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function toApiToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.token_prefix,
    scope: row.scope,
    tenant: row.tenant,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

export interface NewToken {
  name: string;
  scope: TokenScope;
  tenant?: string | null;
  createdBy: string;
  /** A given secret (TRACEHOUND_BOOTSTRAP_TOKEN); otherwise a random one is made. */
  secret?: string;
}

export async function createApiToken(db: Queryable, input: NewToken): Promise<{ token: string; record: ApiToken }> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw new AppError('bad_request', 'Token name must be 1–100 characters.');
  if (!isTokenScope(input.scope)) throw new AppError('bad_request', 'Token role must be viewer, responder, operator, admin or ingest.');
  if (input.tenant) assertTenantName(input.tenant);
  const token = input.secret ?? `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const { rows } = await db.query<TokenRow>(
    `INSERT INTO api_tokens (id, name, token_hash, token_prefix, scope, tenant, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [randomUUID(), name, hashToken(token), token.slice(0, 10), input.scope, input.tenant ?? null, input.createdBy],
  );
  return { token, record: toApiToken(rows[0]!) };
}

export async function listApiTokens(db: Queryable): Promise<ApiToken[]> {
  const { rows } = await db.query<TokenRow>(`SELECT * FROM api_tokens ORDER BY created_at DESC`);
  return rows.map(toApiToken);
}

/** Revokes a token; false when there is no such (unrevoked) token. */
export async function revokeApiToken(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  return (rowCount ?? 0) > 0;
}

/** The live token with this secret (recording its use), or null for an unknown or revoked one. */
export async function verifyApiToken(db: Queryable, token: string): Promise<ApiToken | null> {
  const { rows } = await db.query<TokenRow>(
    `UPDATE api_tokens SET last_used_at = now()
      WHERE token_hash = $1 AND revoked_at IS NULL
        AND (last_used_at IS NULL OR last_used_at < now() - interval '10 seconds')
      RETURNING *`,
    [hashToken(token)],
  );
  if (rows[0]) return toApiToken(rows[0]);
  // Used within the last 10 s: no write, just read (keeps a busy token from writing on every request).
  const again = await db.query<TokenRow>(`SELECT * FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`, [hashToken(token)]);
  return again.rows[0] ? toApiToken(again.rows[0]) : null;
}

export function bearerTokenOf(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}
