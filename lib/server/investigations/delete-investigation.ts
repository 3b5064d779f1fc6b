import 'server-only';
// Soft deletion (admin only at the route): the investigation disappears from lists and reads, its rows stay.
import type { Queryable } from '../db/queryable';
import { getInvestigation } from './get-investigation';

export async function deleteInvestigation(db: Queryable, tenant: string, id: string): Promise<void> {
  await getInvestigation(db, tenant, id);
  await db.query(`UPDATE investigations SET deleted_at = now(), updated_at = now() WHERE id = $1 AND tenant = $2`, [id, tenant]);
}
