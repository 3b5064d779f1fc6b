import 'server-only';
// Count of matching lines per fixed-width time bucket (for the logs page histogram). Empty buckets are
// filled in here so the client draws a continuous series.
import type pg from 'pg';
import type { LogQuery } from '@/lib/domain/logql/logql-ast';
import type { LogHistogram } from '@/lib/domain/model/log-line';
import { sql } from '../db/sql-template';
import { compileLogSource, type LogScope } from './compile-logql';
import { runLogQuery } from './run-log-query';

export const MAX_BUCKETS = 500;

export async function logsHistogram(pool: pg.Pool, query: LogQuery, scope: LogScope, buckets: number): Promise<LogHistogram> {
  const span = scope.endNs - scope.startNs;
  const n = BigInt(Math.max(1, Math.min(MAX_BUCKETS, buckets)));
  const step = span / n + (span % n === 0n ? 0n : 1n) || 1n;
  const rows = await runLogQuery<{ bucket: string; count: number }>(
    pool,
    sql`SELECT ((l.time_unix_nano - ${scope.startNs.toString()}::int8) / ${step.toString()}::int8)::text AS bucket, count(*)::int AS count
        ${compileLogSource(query, scope)} GROUP BY 1`,
  );
  const counts = new Map(rows.map((r) => [BigInt(r.bucket), r.count]));
  const out: LogHistogram['buckets'] = [];
  for (let i = 0n; scope.startNs + i * step < scope.endNs; i++) {
    out.push({ startUnixNano: (scope.startNs + i * step).toString(), count: counts.get(i) ?? 0 });
  }
  return { startUnixNano: scope.startNs.toString(), endUnixNano: scope.endNs.toString(), stepNs: step.toString(), buckets: out };
}
