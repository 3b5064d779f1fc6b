import 'server-only';
// One investigation of a tenant (not soft-deleted), or 404. Another tenant's investigation is "not found" too:
// ids do not reveal what exists elsewhere.
import type { Investigation } from '@/lib/domain/investigations/investigation';
import { AppError } from '../http/app-error';
import type { Queryable } from '../db/queryable';
import { INVESTIGATION_COLUMNS, investigationOf, type InvestigationRow } from './investigation-row';

export async function getInvestigation(db: Queryable, tenant: string, id: string): Promise<Investigation> {
  const { rows } = await db.query<InvestigationRow>(`SELECT ${INVESTIGATION_COLUMNS} FROM investigations i WHERE i.id = $1 AND i.tenant = $2 AND i.deleted_at IS NULL`, [id, tenant]);
  if (!rows[0]) throw new AppError('not_found', `No investigation ${id}.`);
  return investigationOf(rows[0]);
}
