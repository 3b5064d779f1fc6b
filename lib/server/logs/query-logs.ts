import 'server-only';
// Lines matching a LogQL query in a time range, newest or oldest first.
import type pg from 'pg';
import type { LogQuery } from '@/lib/domain/logql/logql-ast';
import type { LogLine } from '@/lib/domain/model/log-line';
import { sql, sqlLiteral, type SqlFragment } from '../db/sql-template';
import { compileLogSource, compilePipeline, SEVERITY_LEVEL, type LogScope } from './compile-logql';
import { runLogQuery } from './run-log-query';

export type Direction = 'backward' | 'forward';

export interface LogLineRow {
  time_unix_nano: bigint | string;
  line: string;
  labels: Record<string, string>;
  metadata: Record<string, string>;
  trace_id: string | null;
  span_id: string | null;
  severity_text: string | null;
}

export const LINE_COLUMNS = sql`l.time_unix_nano, l.line, s.labels, l.metadata, NULLIF(encode(l.trace_id, 'hex'), '') AS trace_id,
  encode(l.span_id, 'hex') AS span_id, ${SEVERITY_LEVEL} AS severity_text`;

/** LINE_COLUMNS with the line after line_format and the labels after label_format/drop/keep. */
export function pipelineColumns(query: LogQuery): SqlFragment {
  const pipeline = compilePipeline(query);
  return sql`l.time_unix_nano, ${pipeline.line} AS line, ${pipeline.labels} AS labels, l.metadata, NULLIF(encode(l.trace_id, 'hex'), '') AS trace_id,
  encode(l.span_id, 'hex') AS span_id, ${SEVERITY_LEVEL} AS severity_text`;
}

export function toLogLine(r: LogLineRow): LogLine {
  return {
    timeUnixNano: r.time_unix_nano.toString(),
    line: r.line,
    labels: r.labels,
    metadata: r.metadata,
    traceId: r.trace_id,
    spanId: r.span_id,
    severityText: r.severity_text,
  };
}

export async function queryLogs(pool: pg.Pool, query: LogQuery, scope: LogScope, options: { limit: number; direction: Direction }): Promise<LogLine[]> {
  const order = sqlLiteral(options.direction === 'forward' ? 'ASC' : 'DESC');
  const rows = await runLogQuery<LogLineRow>(
    pool,
    sql`SELECT ${pipelineColumns(query)} ${compileLogSource(query, scope)}
        ORDER BY l.time_unix_nano ${order}, l.fingerprint ${order} LIMIT ${options.limit}`,
  );
  return rows.map(toLogLine);
}
