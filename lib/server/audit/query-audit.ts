import 'server-only';
// Reads the audit trail newest first, filtered; the admin page and the JSON-lines export share it.
import type { AuditRecord } from '@/lib/domain/auth/account-records';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';

export interface AuditFilter {
  /** Exact action, or a prefix ending in "." (e.g. "auth."). */
  action?: string;
  /** Substring of the actor's name or id. */
  actor?: string;
  outcome?: 'success' | 'failure' | 'denied';
  from?: Date;
  to?: Date;
  /** Only entries with a smaller id (paging). */
  beforeId?: bigint;
  limit: number;
}

export const MAX_AUDIT_PAGE = 1000;
export const MAX_AUDIT_EXPORT = 100_000;

export function parseAuditFilter(params: URLSearchParams, maxLimit: number): AuditFilter {
  const filter: AuditFilter = { limit: Math.min(100, maxLimit) };
  const action = params.get('action');
  if (action) filter.action = action.slice(0, 100);
  const actor = params.get('actor');
  if (actor) filter.actor = actor.slice(0, 200);
  const outcome = params.get('outcome');
  if (outcome) {
    if (outcome !== 'success' && outcome !== 'failure' && outcome !== 'denied') throw new AppError('bad_request', 'outcome must be success, failure or denied.', { details: { field: 'outcome' } });
    filter.outcome = outcome;
  }
  for (const key of ['from', 'to'] as const) {
    const raw = params.get(key);
    if (!raw) continue;
    const date = new Date(raw);
    if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970 || date.getUTCFullYear() > 9999) {
      throw new AppError('bad_request', `${key} must be an RFC 3339 time, e.g. 2026-11-28T10:00:00Z.`, { details: { field: key } });
    }
    filter[key] = date;
  }
  const before = params.get('before');
  if (before) {
    if (!/^\d{1,18}$/.test(before)) throw new AppError('bad_request', 'before must be an entry id.', { details: { field: 'before' } });
    filter.beforeId = BigInt(before);
  }
  const limit = params.get('limit');
  if (limit) {
    if (!/^\d{1,6}$/.test(limit) || Number(limit) < 1 || Number(limit) > maxLimit) throw new AppError('bad_request', `limit must be 1–${maxLimit}.`, { details: { field: 'limit' } });
    filter.limit = Number(limit);
  }
  return filter;
}

interface AuditRow {
  id: bigint | string;
  at: Date;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  action: string;
  target: string | null;
  outcome: string;
  tenant: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export async function queryAudit(db: Queryable, filter: AuditFilter): Promise<AuditRecord[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  // Each condition takes one value; every `?` in it refers to that value.
  const add = (sql: string, value: unknown) => {
    values.push(value);
    where.push(sql.replaceAll('?', `$${values.length}`));
  };
  if (filter.action) {
    if (filter.action.endsWith('.')) add(`starts_with(action, ?)`, filter.action);
    else add(`action = ?`, filter.action);
  }
  if (filter.actor) add(`(strpos(actor_name, ?) > 0 OR actor_id = ?)`, filter.actor);
  if (filter.outcome) add(`outcome = ?`, filter.outcome);
  if (filter.from) add(`at >= ?`, filter.from);
  if (filter.to) add(`at < ?`, filter.to);
  if (filter.beforeId !== undefined) add(`id < ?`, filter.beforeId.toString());
  values.push(filter.limit);
  const { rows } = await db.query<AuditRow>(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${values.length}`, values);
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    tenant: r.tenant,
    ip: r.ip,
    details: r.details,
  }));
}
