import 'server-only';
// The investigations and investigation_items rows and their wire shapes. Ids of investigations are UUIDs; a
// path segment that is not one is "not found" (never a database cast error).
import type { Investigation, InvestigationItem, InvestigationStatus, ItemKind, Severity } from '@/lib/domain/investigations/investigation';
import { AppError } from '../http/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function investigationIdOrNotFound(raw: string): string {
  const id = raw.toLowerCase();
  if (!UUID.test(id)) throw new AppError('not_found', `No investigation ${raw.slice(0, 64)}.`);
  return id;
}

export function itemIdOrNotFound(raw: string): string {
  if (!/^[1-9]\d{0,17}$/.test(raw)) throw new AppError('not_found', `No item ${raw.slice(0, 64)}.`);
  return raw;
}

export interface InvestigationRow {
  id: string;
  tenant: string;
  title: string;
  severity: Severity;
  status: InvestigationStatus;
  owner: string | null;
  window_start_unix_nano: bigint | null;
  window_end_unix_nano: bigint | null;
  services: string[];
  created_by_name: string;
  created_at: Date;
  updated_at: Date;
  item_count: number;
}

/** Columns of InvestigationRow, for SELECTs from `investigations i`. */
export const INVESTIGATION_COLUMNS = `i.id, i.tenant, i.title, i.severity, i.status, i.owner, i.window_start_unix_nano, i.window_end_unix_nano,
  i.services, i.created_by_name, i.created_at, i.updated_at,
  (SELECT count(*)::int FROM investigation_items it WHERE it.investigation_id = i.id AND it.deleted_at IS NULL) AS item_count`;

export function investigationOf(row: InvestigationRow): Investigation {
  return {
    id: row.id,
    tenant: row.tenant,
    title: row.title,
    severity: row.severity,
    status: row.status,
    owner: row.owner,
    windowStartUnixNano: row.window_start_unix_nano?.toString() ?? null,
    windowEndUnixNano: row.window_end_unix_nano?.toString() ?? null,
    services: row.services,
    createdBy: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    itemCount: row.item_count,
  };
}

export interface ItemRow {
  id: string;
  kind: ItemKind;
  ref: string | null;
  trace_id: string | null;
  payload: Record<string, unknown>;
  occurred_unix_nano: bigint | null;
  author_id: string;
  author_name: string;
  created_at: Date;
  edited_at: Date | null;
  edited_by_name: string | null;
}

export const ITEM_COLUMNS = `id::text AS id, kind, ref, trace_id, payload, occurred_unix_nano, author_id, author_name, created_at, edited_at, edited_by_name`;

export function itemOf(row: ItemRow): InvestigationItem {
  return {
    id: row.id,
    kind: row.kind,
    ref: row.ref,
    traceId: row.trace_id,
    payload: row.payload,
    occurredUnixNano: row.occurred_unix_nano?.toString() ?? null,
    author: row.author_name,
    authorId: row.author_id,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    editedBy: row.edited_by_name,
  };
}
