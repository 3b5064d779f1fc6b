import 'server-only';
// Who is calling: an API token (Authorization: Bearer), a signed-in user (session cookie), the anonymous
// admin of AUTH_MODE=off — or nobody (null). A presented credential that does not hold up is an error
// (401) and an audit entry, never a silent fall-back to another credential.
import { isRole } from '@/lib/domain/auth/roles';
import { getConfig } from '../config/load-config';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../http/app-error';
import { bearerTokenOf, verifyApiToken } from './api-tokens';
import { getAuth, getAuthPool } from './better-auth';
import type { Principal } from './principal';
import { clientIp } from './client-ip';

export const ANONYMOUS_ADMIN: Principal = { kind: 'anonymous', id: 'anonymous', name: 'anonymous', role: 'admin', tenants: null };

/** better-auth's user with Tracehound's additional fields (better-auth-instance.ts). */
interface SessionUser {
  id: string;
  email: string;
  role?: string | null;
  tenants?: string | null;
  disabled?: boolean | null;
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?tracehound\.session_token=/;

export function parseTenantList(value: string | null | undefined): string[] | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

export async function resolvePrincipal(request: Request): Promise<Principal | null> {
  const config = getConfig();
  if (config.AUTH_MODE === 'off') return ANONYMOUS_ADMIN;
  const authPool = await getAuthPool();

  const bearer = bearerTokenOf(request);
  if (bearer !== null) {
    const token = await verifyApiToken(authPool, bearer);
    if (!token || !isRole(token.scope)) {
      await recordAudit(authPool, {
        actor: { kind: 'anonymous', id: 'anonymous', name: 'unknown' },
        action: 'auth.token-rejected',
        outcome: 'failure',
        ip: clientIp(request),
        details: { reason: token ? 'ingest-only token used on an API route' : 'unknown or revoked token', path: new URL(request.url).pathname },
      });
      throw new AppError('unauthorized', token ? 'This token may only send data (ingest scope).' : 'Unknown or revoked API token.');
    }
    return { kind: 'token', id: token.id, name: token.name, role: token.scope, tenants: token.tenant ? [token.tenant] : null };
  }

  const cookie = request.headers.get('cookie') ?? '';
  if (!SESSION_COOKIE.test(cookie)) return null;
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: request.headers });
  const user = session?.user as SessionUser | undefined;
  const tooOld = session && Date.now() - new Date(session.session.createdAt).getTime() > config.SESSION_MAX_HOURS * 3_600_000;
  if (!session || !user || user.disabled || tooOld) {
    if (session && tooOld) await authPool.query(`DELETE FROM auth_session WHERE id = $1`, [session.session.id]);
    await recordAudit(authPool, {
      actor: { kind: 'anonymous', id: 'anonymous', name: user?.email ?? 'unknown' },
      action: 'auth.session-rejected',
      outcome: 'failure',
      ip: clientIp(request),
      details: { reason: !session ? 'invalid or expired session cookie' : tooOld ? 'session older than SESSION_MAX_HOURS' : 'account disabled' },
    });
    throw new AppError('unauthorized', 'Your session has expired or is invalid; sign in again.');
  }
  return {
    kind: 'user',
    id: user.id,
    name: user.email,
    role: isRole(user.role) ? user.role : 'viewer',
    tenants: parseTenantList(user.tenants),
  };
}
