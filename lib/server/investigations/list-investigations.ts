import 'server-only';
// Investigations of a tenant, most recently changed first, with the list page's filters. Every filter is a
// bound parameter; `q` matches the title case-insensitively as a plain substring (no pattern syntax).
import type { Investigation, InvestigationStatus, Severity } from '@/lib/domain/investigations/investigation';
import type { Queryable } from '../db/queryable';
import { INVESTIGATION_COLUMNS, investigationOf, type InvestigationRow } from './investigation-row';

export interface InvestigationFilter {
  status?: InvestigationStatus;
  severity?: Severity;
  service?: string;
  q?: string;
  /** Only investigations with evidence about this trace. */
  traceId?: string;
  limit: number;
}

export async function listInvestigations(db: Queryable, tenant: string, filter: InvestigationFilter): Promise<Investigation[]> {
  const { rows } = await db.query<InvestigationRow>(
    `SELECT ${INVESTIGATION_COLUMNS} FROM investigations i
      WHERE i.tenant = $1 AND i.deleted_at IS NULL
        AND ($2::text IS NULL OR i.status = $2)
        AND ($3::text IS NULL OR i.severity = $3)
        AND ($4::text IS NULL OR $4 = ANY (i.services))
        AND ($5::text IS NULL OR strpos(lower(i.title), lower($5)) > 0)
        AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM investigation_items it
              WHERE it.investigation_id = i.id AND it.deleted_at IS NULL AND (it.trace_id = $6 OR it.payload->'traceIds' ? $6)))
      ORDER BY i.updated_at DESC, i.id
      LIMIT $7`,
    [tenant, filter.status ?? null, filter.severity ?? null, filter.service ?? null, filter.q ?? null, filter.traceId ?? null, filter.limit],
  );
  return rows.map(investigationOf);
}
