import 'server-only';
// The one guard of every route handler and server action that reads or changes data: resolves who is calling,
// refuses cross-site state changes, and throws 401 (nobody) or 403 (not enough role, recorded in the audit
// trail). Returns the principal for the handler's own checks and audit entries.
import { roleAtLeast, type Role } from '@/lib/domain/auth/roles';
import { getAuthPool } from './better-auth';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../http/app-error';
import { bearerTokenOf } from './api-tokens';
import { checkOrigin } from './check-origin';
import type { Principal } from './principal';
import { resolvePrincipal } from './resolve-principal';
import { clientIp } from './client-ip';

export { ANONYMOUS_ADMIN } from './resolve-principal';

export async function requireRole(request: Request, role: Role): Promise<Principal> {
  if (bearerTokenOf(request) === null) checkOrigin(request);
  const principal = await resolvePrincipal(request);
  if (!principal) throw new AppError('unauthorized', 'Sign in, or send an API token as Authorization: Bearer <token>.');
  if (!roleAtLeast(principal.role, role)) {
    await recordAudit(await getAuthPool(), {
      actor: principal,
      action: 'auth.forbidden',
      outcome: 'denied',
      target: `${request.method} ${new URL(request.url).pathname}`,
      ip: clientIp(request),
      details: { needed: role, had: principal.role },
    });
    throw new AppError('forbidden', `This needs the ${role} role; you are ${principal.role}.`);
  }
  return principal;
}
