import 'server-only';
// The CLIENT→SERVER pairs of a time window for GET /api/skew, joined and combined by Postgres: per (client
// clock, server clock) group, the tightest bounds on the offset and the pair count (see host-offset.ts; the
// bounds are a max and a min, so grouping first changes nothing). Reading the window's spans instead (up to
// 200,000 wide rows sorted by start, parsed into objects in Node) took 4 s on a 600k-span window, longer
// than the trace page waits for the table. Both spans of a pair must have started in the window (the bound
// also prunes day partitions); a client that failed while its server succeeded bounds only one side.
// The join is always a hash join: both sides are "every span of one kind in the window", and on a partition
// without statistics (a new day, autovacuum not yet run) the planner's nested loop over two index scans took
// 0.8 s for 2,400 spans and grows quadratically.
// A call through the Tracehound agent (lib/domain/analysis/agent-hops.ts) is paired across the agent's hop span:
// the SERVER span's parent is the hop, the hop's parent the CLIENT span. Here a hop is recognised by its service
// name alone (kind INTERNAL, service tracehound-agent): reading every INTERNAL span's attributes would cost the
// window scan far more than the agent's spans are worth.
import { AGENT_SERVICE } from '@/lib/domain/analysis/agent-hops';
import type { ClientServerBounds } from '@/lib/domain/analysis/estimate-host-offsets';
import { SpanKind, StatusCode } from '@/lib/domain/model/span';
import type pg from 'pg';
import { queryRows } from '../db/queryable';
import { sql, sqlLiteral, type SqlQuery } from '../db/sql-template';
import { withTransaction } from '../db/with-transaction';
import { hostFromColumns } from '../spans/host-columns';
import type { TimeWindow } from './time-window';

interface Row {
  client_service: string;
  client_host_id: string | null;
  client_host_name: string | null;
  client_host_ip: string | null;
  client_instance: string | null;
  server_service: string;
  server_host_id: string | null;
  server_host_name: string | null;
  server_host_ip: string | null;
  server_instance: string | null;
  lower_ns: number | null;
  upper_ns: number;
  samples: number;
}

export async function readClientServerBounds(pool: pg.Pool, tenant: string, window: TimeWindow): Promise<ClientServerBounds[]> {
  const rows = await withTransaction(pool, 'BEGIN READ ONLY', async (client) => {
    await client.query('SET LOCAL enable_nestloop = off');
    return queryRows<Row>(client, boundsQuery(tenant, window));
  });
  return rows.map((r) => ({
    clientService: r.client_service,
    clientHost: hostFromColumns({ host_id: r.client_host_id, host_name: r.client_host_name, host_ip: r.client_host_ip, service_instance_id: r.client_instance }),
    serverService: r.server_service,
    serverHost: hostFromColumns({ host_id: r.server_host_id, host_name: r.server_host_name, host_ip: r.server_host_ip, service_instance_id: r.server_instance }),
    lowerNs: r.lower_ns,
    upperNs: r.upper_ns,
    samples: r.samples,
  }));
}

// Each pair's bounds widen by the clock resolution of its two spans, as estimateHostOffsets does
// (clock-resolution.ts: a start on a whole millisecond came from a millisecond clock).
const resolution = (column: 'c.start_time_unix_nano' | 's.start_time_unix_nano'): string => `CASE WHEN ${column} % 1000000 = 0 THEN 1000000 WHEN ${column} % 1000 = 0 THEN 1000 ELSE 1 END`;
const RESOLUTION_SLACK = sqlLiteral(`GREATEST(${resolution('c.start_time_unix_nano')}, ${resolution('s.start_time_unix_nano')})`);

function boundsQuery(tenant: string, window: TimeWindow): SqlQuery {
  return sql`SELECT c.service_name AS client_service, c.host_id AS client_host_id, c.host_name AS client_host_name,
               c.host_ip AS client_host_ip, c.service_instance_id AS client_instance,
               s.service_name AS server_service, s.host_id AS server_host_id, s.host_name AS server_host_name,
               s.host_ip AS server_host_ip, s.service_instance_id AS server_instance,
               max(s.end_time_unix_nano - c.end_time_unix_nano - ${RESOLUTION_SLACK})
                 FILTER (WHERE c.status_code <> ${StatusCode.ERROR} OR s.status_code = ${StatusCode.ERROR})::float8 AS lower_ns,
               min(s.start_time_unix_nano - c.start_time_unix_nano + ${RESOLUTION_SLACK})::float8 AS upper_ns,
               count(*)::int AS samples
          FROM spans s
          JOIN (SELECT c.span_id AS via, c.trace_id, c.tenant, c.service_name, c.host_id, c.host_name, c.host_ip, c.service_instance_id,
                       c.start_time_unix_nano, c.end_time_unix_nano, c.status_code
                  FROM spans c
                 WHERE c.tenant = ${tenant} AND c.kind = ${SpanKind.CLIENT}
                   AND c.start_time_unix_nano >= ${window.fromUnixNano} AND c.start_time_unix_nano < ${window.toUnixNano}
                 UNION ALL
                SELECT h.span_id, c.trace_id, c.tenant, c.service_name, c.host_id, c.host_name, c.host_ip, c.service_instance_id,
                       c.start_time_unix_nano, c.end_time_unix_nano, c.status_code
                  FROM spans h
                  JOIN spans c ON c.trace_id = h.trace_id AND c.tenant = h.tenant AND c.span_id = h.parent_span_id
                 WHERE h.tenant = ${tenant} AND h.service_name = ${AGENT_SERVICE} AND h.kind = ${SpanKind.INTERNAL}
                   AND h.start_time_unix_nano >= ${window.fromUnixNano} AND h.start_time_unix_nano < ${window.toUnixNano}
                   AND c.tenant = ${tenant} AND c.kind = ${SpanKind.CLIENT}
                   AND c.start_time_unix_nano >= ${window.fromUnixNano} AND c.start_time_unix_nano < ${window.toUnixNano}) c
            ON c.trace_id = s.trace_id AND c.tenant = s.tenant AND c.via = s.parent_span_id
         WHERE s.tenant = ${tenant} AND s.kind = ${SpanKind.SERVER}
           AND s.start_time_unix_nano >= ${window.fromUnixNano} AND s.start_time_unix_nano < ${window.toUnixNano}
           AND s.end_time_unix_nano >= s.start_time_unix_nano
           AND c.end_time_unix_nano >= c.start_time_unix_nano
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;
}
