import 'server-only';
// A new investigation in the caller's tenant, owned by its creator unless the body names an owner.
import type { Investigation } from '@/lib/domain/investigations/investigation';
import type { NewInvestigation } from '@/lib/domain/investigations/investigation-input';
import type { Principal } from '../auth/principal';
import type { Queryable } from '../db/queryable';
import { checkWindow } from './check-window';
import { getInvestigation } from './get-investigation';

export async function createInvestigation(db: Queryable, tenant: string, author: Principal, input: NewInvestigation): Promise<Investigation> {
  checkWindow(input.windowStartUnixNano ?? null, input.windowEndUnixNano ?? null);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO investigations (tenant, title, severity, status, owner, window_start_unix_nano, window_end_unix_nano, services, created_by_id, created_by_name)
     VALUES ($1, $2, $3, $4, $5, $6::int8, $7::int8, $8::text[], $9, $10) RETURNING id`,
    [tenant, input.title, input.severity, input.status, input.owner ?? author.name, input.windowStartUnixNano ?? null, input.windowEndUnixNano ?? null, input.services ?? [], author.id, author.name],
  );
  return getInvestigation(db, tenant, rows[0]!.id);
}
