import 'server-only';
// The server-side check of every page: who is viewing (the same resolvePrincipal as the API routes), sent to
// /sign-in when nobody is, and the tenant the page shows.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { roleAtLeast, type Role } from '@/lib/domain/auth/roles';
import type { Principal } from '@/lib/server/auth/principal';
import { resolvePrincipal } from '@/lib/server/auth/resolve-principal';
import { chooseTenant, selectTenant } from '@/lib/server/auth/select-tenant';
import { AppError } from '@/lib/server/http/app-error';

async function requestFromHeaders(path: string): Promise<Request> {
  const h = await headers();
  return new Request(new URL(path, `http://${h.get('host') ?? 'localhost'}`), { headers: h });
}

/** The viewer of the page, or null (no session, or an expired one). */
export async function currentPrincipal(request?: Request): Promise<Principal | null> {
  try {
    return await resolvePrincipal(request ?? (await requestFromHeaders('/')));
  } catch (error) {
    if (error instanceof AppError && error.code === 'unauthorized') return null;
    throw error;
  }
}

export interface PageAccess {
  principal: Principal;
  /** False when the role is not enough: the page shows AccessDenied instead of its content. */
  allowed: boolean;
  tenant: string;
}

/** The viewer and their tenant, or null without a session (the layout's user menu). */
export async function currentAccess(): Promise<Omit<PageAccess, 'allowed'> | null> {
  const request = await requestFromHeaders('/');
  const principal = await currentPrincipal(request);
  return principal ? { principal, tenant: tenantFor(request, principal) } : null;
}

function tenantFor(request: Request, principal: Principal): string {
  try {
    return selectTenant(request, principal);
  } catch {
    // A tenant cookie the user may no longer read: show their default rather than an error page.
    return chooseTenant(null, principal);
  }
}

/** For a page at `path` needing `role`: redirects to sign-in without a session. */
export async function pageAccess(role: Role, path: string): Promise<PageAccess> {
  const request = await requestFromHeaders(path);
  const principal = await currentPrincipal(request);
  if (!principal) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return { principal, allowed: roleAtLeast(principal.role, role), tenant: tenantFor(request, principal) };
}
