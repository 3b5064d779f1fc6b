import 'server-only';
// Replaces a note's Markdown. Only notes are editable (evidence is what it was); the caller learns whose note
// it was so the route can record edits of someone else's note in the audit trail.
import type { InvestigationItem } from '@/lib/domain/investigations/investigation';
import { AppError } from '../http/app-error';
import type { Principal } from '../auth/principal';
import type { Queryable } from '../db/queryable';
import { getInvestigation } from './get-investigation';
import { ITEM_COLUMNS, itemOf, type ItemRow } from './investigation-row';

export async function findItem(db: Queryable, tenant: string, investigationId: string, itemId: string): Promise<InvestigationItem> {
  await getInvestigation(db, tenant, investigationId);
  const { rows } = await db.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM investigation_items WHERE id = $1::int8 AND investigation_id = $2 AND deleted_at IS NULL`, [itemId, investigationId]);
  if (!rows[0]) throw new AppError('not_found', `No item ${itemId} in investigation ${investigationId}.`);
  return itemOf(rows[0]);
}

export async function editNote(
  db: Queryable,
  tenant: string,
  investigationId: string,
  itemId: string,
  editor: Principal,
  body: string,
): Promise<{ before: InvestigationItem; after: InvestigationItem }> {
  const before = await findItem(db, tenant, investigationId, itemId);
  if (before.kind !== 'note') throw new AppError('conflict', `Item ${itemId} is a ${before.kind}; only notes can be edited.`);
  const { rows } = await db.query<ItemRow>(
    `UPDATE investigation_items SET payload = jsonb_set(payload, '{body}', to_jsonb($3::text)), edited_at = now(), edited_by_name = $4
      WHERE id = $1::int8 AND investigation_id = $2 RETURNING ${ITEM_COLUMNS}`,
    [itemId, investigationId, body, editor.name],
  );
  await db.query(`UPDATE investigations SET updated_at = now() WHERE id = $1`, [investigationId]);
  return { before, after: itemOf(rows[0]!) };
}

export async function deleteItem(db: Queryable, tenant: string, investigationId: string, itemId: string): Promise<InvestigationItem> {
  const item = await findItem(db, tenant, investigationId, itemId);
  await db.query(`UPDATE investigation_items SET deleted_at = now() WHERE id = $1::int8 AND investigation_id = $2`, [itemId, investigationId]);
  await db.query(`UPDATE investigations SET updated_at = now() WHERE id = $1`, [investigationId]);
  return item;
}
