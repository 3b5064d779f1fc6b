import 'server-only';
// The two reads of a live tail (loki-tail.ts). Each line comes with its fingerprint so a tail can tell the
// lines it already sent from late arrivals with the same timestamps.
import type pg from 'pg';
import type { LogQuery } from '@/lib/domain/logql/logql-ast';
import type { LogLine } from '@/lib/domain/model/log-line';
import { sql } from '../db/sql-template';
import { compileLogSource, type LogScope } from './compile-logql';
import { pipelineColumns, toLogLine, type LogLineRow } from './query-logs';
import { runLogQuery } from './run-log-query';

export interface TailLine extends LogLine {
  /** `<time>:<fingerprint hex>`: the line's identity within a tenant's stream of lines. */
  key: string;
}

interface TailRow extends LogLineRow {
  fp: string;
}

function toTailLine(r: TailRow): TailLine {
  return { ...toLogLine(r), key: `${r.time_unix_nano.toString()}:${r.fp}` };
}

/** The newest `limit` lines of [startNs, endNs), returned oldest first (the history a tail opens with). */
export async function newestTailLines(pool: pg.Pool, query: LogQuery, scope: LogScope, limit: number): Promise<TailLine[]> {
  const rows = await runLogQuery<TailRow>(
    pool,
    sql`SELECT ${pipelineColumns(query)}, encode(l.fingerprint, 'hex') AS fp ${compileLogSource(query, scope)}
        ORDER BY l.time_unix_nano DESC, l.fingerprint DESC LIMIT ${limit}`,
  );
  return rows.reverse().map(toTailLine);
}

/**
 * The oldest `limit` lines of [startNs, endNs) not among `sentKeys` (lines the tail already sent, keyed as
 * TailLine.key), oldest first. Excluding them in SQL lets every poll make progress however many lines were sent.
 */
export async function unsentTailLines(pool: pg.Pool, query: LogQuery, scope: LogScope, sentKeys: readonly string[], limit: number): Promise<TailLine[]> {
  const times = sentKeys.map((k) => k.slice(0, k.indexOf(':')));
  const fps = sentKeys.map((k) => `\\x${k.slice(k.indexOf(':') + 1)}`);
  const rows = await runLogQuery<TailRow>(
    pool,
    sql`SELECT ${pipelineColumns(query)}, encode(l.fingerprint, 'hex') AS fp ${compileLogSource(query, scope)}
        AND (l.time_unix_nano, l.fingerprint) NOT IN (SELECT t, f FROM unnest(${times}::int8[], ${fps}::bytea[]) AS x(t, f))
        ORDER BY l.time_unix_nano ASC, l.fingerprint ASC LIMIT ${limit}`,
  );
  return rows.map(toTailLine);
}
