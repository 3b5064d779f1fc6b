import 'server-only';
// Accounts as Tracehound manages them: create (local password, hashed with better-auth's scrypt so its
// sign-in verifies it), list, change role / tenants / disabled, end all sessions. Sign-in itself and SSO
// accounts are better-auth's (better-auth-instance.ts); both share the auth_user table.
import { randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { isRole, type Role } from '@/lib/domain/auth/roles';
export type { UserAccount } from '@/lib/domain/auth/account-records';
import type { UserAccount } from '@/lib/domain/auth/account-records';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';
import { parseTenantList } from './resolve-principal';
import { assertTenantName } from './tenant-name';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  tenants: string | null;
  disabled: boolean;
  createdAt: Date;
  providers: string[] | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function toAccount(row: UserRow): UserAccount {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRole(row.role) ? row.role : 'viewer',
    tenants: parseTenantList(row.tenants),
    disabled: row.disabled,
    signInMethods: (row.providers ?? []).map((p) => (p === 'credential' ? 'password' : p)),
    createdAt: row.createdAt.toISOString(),
  };
}

const SELECT_USERS = `SELECT u.id, u.email, u.name, u.role, u.tenants, u.disabled, u."createdAt",
    array_remove(array_agg(DISTINCT a."providerId"), NULL) AS providers
  FROM auth_user u LEFT JOIN auth_account a ON a."userId" = u.id`;

export function normalizeTenants(tenants: readonly string[] | null | undefined): string | null {
  if (!tenants || tenants.length === 0) return null;
  for (const t of tenants) assertTenantName(t);
  return [...new Set(tenants)].join(',');
}

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  name?: string;
  tenants?: readonly string[] | null;
}

export async function createLocalUser(db: Queryable, input: NewUser): Promise<UserAccount> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw new AppError('bad_request', 'email must be an email address.');
  if (!isRole(input.role)) throw new AppError('bad_request', 'role must be viewer, responder, operator or admin.');
  if (input.password.length < 10 || input.password.length > 256) throw new AppError('bad_request', 'password must be 10–256 characters.');
  const hash = await hashPassword(input.password);
  const id = randomUUID();
  const inserted = await db.query(
    `INSERT INTO auth_user (id, name, email, "emailVerified", role, tenants) VALUES ($1, $2, $3, true, $4, $5)
     ON CONFLICT (email) DO NOTHING`,
    [id, input.name?.trim() || email, email, input.role, normalizeTenants(input.tenants)],
  );
  if (inserted.rowCount === 0) throw new AppError('conflict', `An account with email ${email} already exists.`);
  await db.query(`INSERT INTO auth_account (id, "accountId", "providerId", "userId", password, "updatedAt") VALUES ($1, $2, 'credential', $2, $3, now())`, [randomUUID(), id, hash]);
  return (await getUser(db, id))!;
}

export async function getUser(db: Queryable, id: string): Promise<UserAccount | null> {
  const { rows } = await db.query<UserRow>(`${SELECT_USERS} WHERE u.id = $1 GROUP BY u.id`, [id]);
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function listUsers(db: Queryable): Promise<UserAccount[]> {
  const { rows } = await db.query<UserRow>(`${SELECT_USERS} GROUP BY u.id ORDER BY u."createdAt"`);
  return rows.map(toAccount);
}

export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM auth_user`);
  return rows[0]?.n ?? 0;
}

export interface UserChange {
  role?: Role;
  tenants?: readonly string[] | null;
  disabled?: boolean;
}

/** Applies the change (roles and tenants are read on every request, so they apply at once); disabling also ends
 * the user's sessions. */
export async function updateUser(db: Queryable, id: string, change: UserChange): Promise<UserAccount> {
  if (change.role !== undefined && !isRole(change.role)) throw new AppError('bad_request', 'role must be viewer, responder, operator or admin.');
  const before = await getUser(db, id);
  if (!before) throw new AppError('not_found', `No user ${id}.`);
  if (before.role === 'admin' && ((change.role !== undefined && change.role !== 'admin') || change.disabled === true)) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM auth_user WHERE role = 'admin' AND NOT disabled AND id <> $1`, [id]);
    if ((rows[0]?.n ?? 0) === 0) throw new AppError('conflict', 'This is the last admin; make another admin first.');
  }
  await db.query(
    `UPDATE auth_user SET role = COALESCE($2, role),
       tenants = CASE WHEN $3 THEN $4 ELSE tenants END,
       disabled = COALESCE($5, disabled), "updatedAt" = now()
     WHERE id = $1`,
    [id, change.role ?? null, change.tenants !== undefined, normalizeTenants(change.tenants), change.disabled ?? null],
  );
  if (change.disabled === true) await revokeSessions(db, id);
  return (await getUser(db, id))!;
}

export async function revokeSessions(db: Queryable, userId: string): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM auth_session WHERE "userId" = $1`, [userId]);
  return rowCount ?? 0;
}
