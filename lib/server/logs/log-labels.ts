import 'server-only';
// Label names and values of the streams active in a time range (Loki's /labels and /label/{name}/values),
// optionally restricted to the streams of a selector. Reads log_streams only, never the lines.
import type pg from 'pg';
import type { StreamMatcher } from '@/lib/domain/logql/logql-ast';
import { joinSql, sql, type SqlFragment } from '../db/sql-template';
import { streamConditions, type LogScope } from './compile-logql';
import { runLogQuery } from './run-log-query';
import { LAST_SEEN_SLACK_NS } from './stream-window-cache';

export function streamsWhere(scope: LogScope, matchers: readonly StreamMatcher[]): SqlFragment {
  return joinSql(
    [
      sql`ls.tenant = ${scope.tenant}`,
      sql`ls.last_seen_unix_nano >= ${(scope.startNs - LAST_SEEN_SLACK_NS).toString()}::int8`,
      sql`ls.first_seen_unix_nano < ${scope.endNs.toString()}::int8`,
      ...streamConditions(matchers),
    ],
    ' AND ',
  );
}

export async function listLabelNames(pool: pg.Pool, scope: LogScope, matchers: readonly StreamMatcher[] = []): Promise<string[]> {
  const rows = await runLogQuery<{ name: string }>(
    pool,
    sql`SELECT DISTINCT k AS name FROM log_streams ls, jsonb_object_keys(ls.labels) AS k WHERE ${streamsWhere(scope, matchers)} ORDER BY 1 LIMIT 10000`,
  );
  return rows.map((r) => r.name);
}

export async function listLabelValues(pool: pg.Pool, scope: LogScope, name: string, matchers: readonly StreamMatcher[] = []): Promise<string[]> {
  const rows = await runLogQuery<{ value: string }>(
    pool,
    sql`SELECT DISTINCT ls.labels ->> ${name} AS value FROM log_streams ls
        WHERE ${streamsWhere(scope, matchers)} AND ls.labels ? ${name} ORDER BY 1 LIMIT 10000`,
  );
  return rows.map((r) => r.value);
}

/** Label sets of the streams matching any of the selectors (Loki's /series). */
export async function listSeries(pool: pg.Pool, scope: LogScope, selectors: readonly (readonly StreamMatcher[])[]): Promise<Record<string, string>[]> {
  const alternatives = selectors.map((m) => sql`(${joinSql([sql`TRUE`, ...streamConditions(m)], ' AND ')})`);
  const any = alternatives.length > 0 ? sql` AND (${joinSql(alternatives, ' OR ')})` : sql``;
  const rows = await runLogQuery<{ labels: Record<string, string> }>(pool, sql`SELECT ls.labels FROM log_streams ls WHERE ${streamsWhere(scope, [])}${any} ORDER BY ls.labels::text LIMIT 10000`);
  return rows.map((r) => r.labels);
}
