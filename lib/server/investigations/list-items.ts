import 'server-only';
// The live (not soft-deleted) items of an investigation in pin order; `after` returns only newer ones, for
// clients that poll for others' additions.
import type { InvestigationItem } from '@/lib/domain/investigations/investigation';
import type { Queryable } from '../db/queryable';
import { ITEM_COLUMNS, itemOf, type ItemRow } from './investigation-row';

export async function listItems(db: Queryable, investigationId: string, after: string | null): Promise<InvestigationItem[]> {
  const { rows } = await db.query<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM investigation_items
      WHERE investigation_id = $1 AND deleted_at IS NULL AND ($2::int8 IS NULL OR id > $2::int8)
      ORDER BY id`,
    [investigationId, after],
  );
  return rows.map(itemOf);
}
