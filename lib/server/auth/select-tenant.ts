import 'server-only';
// The one tenant rule of every read route and page: the tenant asked for (X-Scope-OrgID, as Loki and Tempo
// clients send it, or the dashboard's tenant cookie) must be one the principal may read; with none asked
// for, the principal's first allowed tenant, else `default`. Asking for another tenant is a 403, never a
// way around the restriction.
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { TENANT_COOKIE_NAME } from '@/lib/domain/auth/tenant-cookie';
import { AppError } from '../http/app-error';
import type { Principal } from './principal';
import { assertTenantName, isTenantName } from './tenant-name';

function requestedTenant(request: Request): string | null {
  const header = request.headers.get('x-scope-orgid')?.trim();
  if (header) {
    assertTenantName(header, 'X-Scope-OrgID');
    return header;
  }
  const cookie = new RegExp(`(?:^|;\\s*)${TENANT_COOKIE_NAME}=([^;]*)`).exec(request.headers.get('cookie') ?? '')?.[1];
  if (cookie) {
    const value = decodeURIComponentSafe(cookie);
    // A stale or hand-edited cookie falls back to the default choice rather than locking the user out.
    return value !== null && isTenantName(value) ? value : null;
  }
  return null;
}

function decodeURIComponentSafe(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export function selectTenant(request: Request, principal: Principal): string {
  return chooseTenant(requestedTenant(request), principal);
}

export function chooseTenant(requested: string | null, principal: Pick<Principal, 'tenants'>): string {
  const allowed = principal.tenants;
  if (allowed === null) return requested ?? DEFAULT_TENANT;
  if (requested === null) return allowed.includes(DEFAULT_TENANT) ? DEFAULT_TENANT : (allowed[0] ?? DEFAULT_TENANT);
  if (!allowed.includes(requested)) throw new AppError('forbidden', `You may not read tenant "${requested}".`);
  return requested;
}
