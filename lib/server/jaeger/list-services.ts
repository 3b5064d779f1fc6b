import 'server-only';
// Distinct service names and operations by skip-scanning the (tenant, service_name[, name], start) indexes
// of spans: one index probe per distinct value, so cost grows with the number of services, not of spans.
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';

export async function listServices(db: Queryable, tenant: string): Promise<string[]> {
  const rows = await queryRows<{ service_name: string }>(
    db,
    sql`WITH RECURSIVE svc AS (
  (SELECT service_name FROM spans WHERE tenant = ${tenant} ORDER BY service_name LIMIT 1)
  UNION ALL
  SELECT (SELECT s.service_name FROM spans s WHERE s.tenant = ${tenant} AND s.service_name > svc.service_name
          ORDER BY s.service_name LIMIT 1)
  FROM svc WHERE svc.service_name IS NOT NULL
)
SELECT service_name FROM svc WHERE service_name IS NOT NULL`,
  );
  return rows.map((r) => r.service_name);
}

export interface OperationInfo {
  name: string;
  /** OTLP span kind number of one span with this name. */
  kind: number;
}

export async function listOperations(db: Queryable, tenant: string, service: string): Promise<OperationInfo[]> {
  const rows = await queryRows<{ name: string; kind: number }>(
    db,
    sql`WITH RECURSIVE op AS (
  (SELECT name FROM spans WHERE tenant = ${tenant} AND service_name = ${service} ORDER BY name LIMIT 1)
  UNION ALL
  SELECT (SELECT s.name FROM spans s WHERE s.tenant = ${tenant} AND s.service_name = ${service} AND s.name > op.name
          ORDER BY s.name LIMIT 1)
  FROM op WHERE op.name IS NOT NULL
)
SELECT op.name, (SELECT s.kind FROM spans s WHERE s.tenant = ${tenant} AND s.service_name = ${service} AND s.name = op.name LIMIT 1) AS kind
FROM op WHERE op.name IS NOT NULL`,
  );
  return rows;
}
