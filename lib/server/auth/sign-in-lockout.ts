import 'server-only';
// Lockout after repeated failed sign-ins of one account: the audit trail already records every failure, so it
// is the counter (no second table to keep in step). A success resets the count; the lock lifts by itself.
import { APIError } from 'better-auth/api';
import type { Queryable } from '../db/queryable';

export const LOCKOUT_WINDOW_MINUTES = 15;

export async function failedSignInsSinceLastSuccess(db: Queryable, email: string): Promise<number> {
  const { rows } = await db.query<{ failures: string }>(
    `SELECT count(*) AS failures FROM audit_log f
      WHERE f.action = 'auth.sign-in' AND f.outcome = 'failure' AND f.target = $1
        AND f.at > now() - make_interval(mins => $2)
        AND f.at > COALESCE((SELECT max(s.at) FROM audit_log s
                               WHERE s.action = 'auth.sign-in' AND s.outcome = 'success' AND s.actor_name = $1), '-infinity')`,
    [email, LOCKOUT_WINDOW_MINUTES],
  );
  return Number(rows[0]?.failures ?? 0);
}

export async function assertNotLockedOut(db: Queryable, email: string, maxFailures: number): Promise<void> {
  if (!email) return;
  if ((await failedSignInsSinceLastSuccess(db, email)) >= maxFailures) {
    throw new APIError('TOO_MANY_REQUESTS', {
      message: `Too many failed sign-ins for this account; try again in ${LOCKOUT_WINDOW_MINUTES} minutes.`,
      code: 'ACCOUNT_LOCKED',
    });
  }
}
