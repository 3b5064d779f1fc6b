import 'server-only';
// Route-handler wrapper: requireRole() first, then the handler with the principal and its tenant choice.
// Every route under app/ is built with it, except the public ones listed in lib/server/auth/public-routes.ts
// (the route-guard test enforces this).
import type { Role } from '@/lib/domain/auth/roles';
import { errorResponse, withErrors, type RouteContext, type RouteHandler } from '../http/route-handler';
import type { Principal } from './principal';
import { requireRole } from './require-role';
import { selectTenant } from './select-tenant';

export interface Access {
  principal: Principal;
  /** The tenant this request reads (throws 400/403 for a bad or forbidden choice). */
  tenant(): string;
}

export type GuardedHandler<P extends Record<string, string>> = (request: Request, context: RouteContext<P>, access: Access) => Promise<Response>;

export function guarded<P extends Record<string, string>>(role: Role, handler: GuardedHandler<P>, toResponse: (error: unknown) => Response | Promise<Response> = errorResponse): RouteHandler<P> {
  return withErrors<P>(async (request, context) => {
    const principal = await requireRole(request, role);
    return handler(request, context, { principal, tenant: () => selectTenant(request, principal) });
  }, toResponse);
}
