import 'server-only';
// Appends one entry to the audit trail. Every mutating action calls this after its guard (requireRole), with
// the principal the guard returned; failures of the action are recorded too (outcome "failure"/"denied").
import type { Queryable } from '../db/queryable';
import type { Principal } from '../auth/principal';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  actor: Pick<Principal, 'kind' | 'id' | 'name'>;
  /** Dotted verb, e.g. "auth.sign-in", "token.create", "user.role-change", "chaos.run.start". */
  action: string;
  /** What was acted on: a user id, a token id, a run id. */
  target?: string | null;
  outcome?: AuditOutcome;
  tenant?: string | null;
  ip?: string | null;
  /** Small JSON facts about the action. Never secrets. */
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_kind, actor_id, actor_name, action, target, outcome, tenant, ip, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
    [entry.actor.kind, entry.actor.id, entry.actor.name, entry.action, entry.target ?? null, entry.outcome ?? 'success', entry.tenant ?? null, entry.ip ?? null, JSON.stringify(entry.details ?? {})],
  );
}
