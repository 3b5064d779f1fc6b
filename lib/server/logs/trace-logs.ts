import 'server-only';
// The log lines of one trace (optionally one span), oldest first, for the trace page. Reads through the logs
// primary key prefix (trace_id, tenant).
import type pg from 'pg';
import type { LogLine } from '@/lib/domain/model/log-line';
import { hexToBytes } from '../db/id-bytes';
import { sql } from '../db/sql-template';
import { LINE_COLUMNS, toLogLine, type LogLineRow } from './query-logs';
import { runLogQuery } from './run-log-query';

export async function traceLogs(pool: pg.Pool, tenant: string, traceId: string, spanId: string | null, limit: number): Promise<LogLine[]> {
  const span = spanId ? sql` AND l.span_id = ${hexToBytes(spanId)}` : sql``;
  const rows = await runLogQuery<LogLineRow>(
    pool,
    sql`SELECT ${LINE_COLUMNS} FROM logs l JOIN log_streams s ON s.tenant = l.tenant AND s.stream_id = l.stream_id
        WHERE l.trace_id = ${hexToBytes(traceId)} AND l.tenant = ${tenant}${span}
        ORDER BY l.time_unix_nano, l.fingerprint LIMIT ${limit}`,
  );
  return rows.map(toLogLine);
}
