import 'server-only';
// Who may replay what, where (README "Accounts and access"): responders replay safe methods against
// non-production targets; production targets need an operator; unsafe methods need an operator, a
// non-production target, REPLAY_UNSAFE_ENABLED on the server and the run's explicit opt-in. Without the
// opt-in, unsafe requests are skipped and counted rather than refused.
import { roleAtLeast, type Role } from '@/lib/domain/auth/roles';
import { isSafeMethod } from '@/lib/domain/replay/replay-request';
import type { ReplayTarget } from '@/lib/domain/replay/replay-target';
import { AppError } from '../http/app-error';

export interface PolicyContext {
  role: Role;
  target: Pick<ReplayTarget, 'environment' | 'allowedMethods' | 'name'>;
  allowUnsafe: boolean;
  unsafeEnabled: boolean;
}

/** Throws 403 naming the rule when the run may not start at all. */
export function assertRunAllowed(ctx: PolicyContext): void {
  if (ctx.target.environment === 'production' && !roleAtLeast(ctx.role, 'operator')) {
    throw new AppError('forbidden', `Replays against the production target "${ctx.target.name}" need the operator role; you are ${ctx.role}.`);
  }
  if (!ctx.allowUnsafe) return;
  if (!roleAtLeast(ctx.role, 'operator')) throw new AppError('forbidden', `Replaying unsafe methods (POST, PUT, PATCH, DELETE) needs the operator role; you are ${ctx.role}.`);
  if (!ctx.unsafeEnabled) throw new AppError('forbidden', 'Replaying unsafe methods is disabled on this server (REPLAY_UNSAFE_ENABLED=false).');
  if (ctx.target.environment === 'production') throw new AppError('forbidden', `Unsafe methods are never replayed against a production target ("${ctx.target.name}").`);
}

/** Why one request of an allowed run is skipped, or null when it is sent. */
export function skipReason(method: string, ctx: PolicyContext): { kind: 'unsafe' | 'method'; message: string } | null {
  if (!isSafeMethod(method) && !ctx.allowUnsafe) return { kind: 'unsafe', message: `${method} is an unsafe method; skipped (the run did not opt in to unsafe methods)` };
  if (!ctx.target.allowedMethods.includes(method)) return { kind: 'method', message: `${method} is not allowed by target "${ctx.target.name}" (${ctx.target.allowedMethods.join(', ')})` };
  return null;
}
