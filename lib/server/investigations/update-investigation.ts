import 'server-only';
// Changes the named fields of an investigation; the others keep their values. Returns the investigation
// before and after, so the audit entry can say what changed.
import type { Investigation } from '@/lib/domain/investigations/investigation';
import type { InvestigationPatch } from '@/lib/domain/investigations/investigation-input';
import type { Queryable } from '../db/queryable';
import { checkWindow } from './check-window';
import { getInvestigation } from './get-investigation';

export async function updateInvestigation(db: Queryable, tenant: string, id: string, patch: InvestigationPatch): Promise<{ before: Investigation; after: Investigation }> {
  const before = await getInvestigation(db, tenant, id);
  const start = patch.windowStartUnixNano !== undefined ? patch.windowStartUnixNano : before.windowStartUnixNano;
  const end = patch.windowEndUnixNano !== undefined ? patch.windowEndUnixNano : before.windowEndUnixNano;
  checkWindow(start, end);
  await db.query(
    `UPDATE investigations SET
        title = $3, severity = $4, status = $5, owner = $6, window_start_unix_nano = $7::int8, window_end_unix_nano = $8::int8,
        services = $9::text[], updated_at = now()
      WHERE id = $1 AND tenant = $2 AND deleted_at IS NULL`,
    [
      id,
      tenant,
      patch.title ?? before.title,
      patch.severity ?? before.severity,
      patch.status ?? before.status,
      patch.owner !== undefined ? patch.owner : before.owner,
      start,
      end,
      patch.services ?? before.services,
    ],
  );
  return { before, after: await getInvestigation(db, tenant, id) };
}
