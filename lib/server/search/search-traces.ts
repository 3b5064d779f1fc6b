import 'server-only';
// Trace search: TraceQL text → matched traces in the requested order (default newest first), keyset-paginated
// on (sort column, trace id) so every order pages consistently. Two statements on one
// read-only connection: (1) the page of traces, from trace_summaries, whose trace ids appear among the
// query's matched spans in the window; (2) the matched span ids of just those traces (the same compiled
// query restricted to the page's trace ids, which the spans primary key serves directly).
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import { parseTraceQL } from '@/lib/domain/traceql/parse';
import type { SpansetExpr } from '@/lib/domain/traceql/ast';
import { TraceQLError } from '@/lib/domain/traceql/traceql-error';
import { DEFAULT_SEARCH_SORT, type SearchSort, type SearchSortKey } from '@/lib/domain/search/search-sort';
import { bytesToHex, hexToBytes } from '../db/id-bytes';
import { queryRows, type Queryable } from '../db/queryable';
import { sql, type SqlFragment } from '../db/sql-template';
import { AppError } from '../http/app-error';
import { compileSpanset, withClause } from './compile-traceql';
import { searchRowDetails, type MatchedSpanLabel, type RootOutcome } from './search-row-details';
import { encodeCursor, type SearchCursor } from './search-cursor';

export interface SearchRequest {
  tenant: string;
  /** TraceQL; empty means every trace in the window. */
  query: string;
  fromNs: bigint;
  toNs: bigint;
  limit: number;
  /** Default: start, newest first. */
  sort?: SearchSort;
  cursor?: SearchCursor;
}

export interface SearchHit extends TraceSummary {
  matchedSpanIds: string[];
  /** From the background diagnosis (lib/server/diagnosis); null until the trace has settled and been analysed. */
  likelyCause: { type: string; service: string; summary: string } | null;
  findingTypes: string[] | null;
  /** The root span's outcome; null while the root has not arrived. */
  root: RootOutcome | null;
  /** Service and name of the first few matched spans (MATCHED_SPAN_LABELS). */
  matchedSpans: MatchedSpanLabel[];
}

export interface SearchResult {
  traces: SearchHit[];
  nextCursor: string | null;
}

/** Matched span ids returned per trace; enough to highlight, bounded for huge traces. */
const MAX_MATCHED_IDS = 1_000;

interface PageRow {
  trace_id: Buffer;
  root_service_name: string | null;
  root_span_name: string | null;
  start_time_unix_nano: bigint;
  duration_ns: bigint;
  span_count: number;
  error_count: number;
  services: string[];
  likely_cause_type: string | null;
  likely_cause_service: string | null;
  likely_cause_summary: string | null;
  finding_types: string[] | null;
}

export function parseSearchQuery(query: string): SpansetExpr {
  try {
    return parseTraceQL(query.trim() === '' ? '{ }' : query);
  } catch (error) {
    if (error instanceof TraceQLError) throw new AppError('bad_request', error.message, { details: { position: error.position } });
    throw error;
  }
}

export async function searchTraces(db: Queryable, request: SearchRequest): Promise<SearchResult> {
  return searchSpansets(db, parseSearchQuery(request.query), request);
}

/** Search with an already-built query (the Jaeger API builds its selector as an AST). */
export async function searchSpansets(db: Queryable, expr: SpansetExpr, request: Omit<SearchRequest, 'query'>): Promise<SearchResult> {
  const scope = { tenant: request.tenant, fromNs: request.fromNs, toNs: request.toNs };
  const compiled = compileSpanset(expr, scope);
  const sort = request.sort ?? DEFAULT_SEARCH_SORT;
  const column = SORT_COLUMNS[sort.key];
  const direction = sort.descending ? sql`DESC` : sql`ASC`;
  const after = request.cursor
    ? sort.descending
      ? sql`AND (${column}, t.trace_id) < (${request.cursor.value.toString()}::int8, ${hexToBytes(request.cursor.traceIdHex)}::bytea)`
      : sql`AND (${column}, t.trace_id) > (${request.cursor.value.toString()}::int8, ${hexToBytes(request.cursor.traceIdHex)}::bytea)`
    : sql``;
  // `{ }` (also the empty query: the home page) matches every trace that starts in the window, which
  // trace_summaries answers alone; skipping the spans CTE keeps the default view an index range scan.
  const everyTrace = expr.type === 'selector' && expr.condition === null;
  const matches = everyTrace ? sql`` : sql`AND t.trace_id IN (SELECT trace_id FROM ${compiled.root})`;
  const pageQuery = sql`${everyTrace ? sql`` : withClause(compiled)}
SELECT t.trace_id, t.root_service_name, t.root_span_name, t.start_time_unix_nano, t.duration_ns, t.span_count,
  t.error_count, t.services, t.likely_cause_type, t.likely_cause_service, t.likely_cause_summary, t.finding_types
FROM trace_summaries t
WHERE t.tenant = ${request.tenant} AND t.start_time_unix_nano >= ${request.fromNs.toString()}::int8
  AND t.start_time_unix_nano < ${request.toNs.toString()}::int8 ${after}
  ${matches}
ORDER BY ${column} ${direction}, t.trace_id ${direction}
LIMIT ${request.limit + 1}`;
  const rows = await runPositioned(compiled.regexPositions, () => queryRows<PageRow>(db, pageQuery));
  const page = rows.slice(0, request.limit);
  const matched = await runPositioned(compiled.regexPositions, () =>
    matchedSpanIds(
      db,
      expr,
      scope,
      page.map((r) => r.trace_id),
    ),
  );
  const details = await searchRowDetails(
    db,
    request.tenant,
    page.map((r) => ({
      traceId: r.trace_id,
      startNs: r.start_time_unix_nano,
      durationNs: r.duration_ns,
      matchedSpanIds: matched.get(bytesToHex(r.trace_id)) ?? [],
    })),
  );
  const traces = page.map((r): SearchHit => {
    const traceId = bytesToHex(r.trace_id);
    const row = details.get(traceId);
    return {
      traceId,
      rootService: r.root_service_name,
      rootName: r.root_span_name,
      startUnixNano: r.start_time_unix_nano.toString(),
      durationNs: r.duration_ns.toString(),
      spanCount: r.span_count,
      errorCount: r.error_count,
      services: r.services,
      matchedSpanIds: matched.get(traceId) ?? [],
      likelyCause: r.likely_cause_type ? { type: r.likely_cause_type, service: r.likely_cause_service ?? '', summary: r.likely_cause_summary ?? '' } : null,
      findingTypes: r.finding_types,
      root: row?.root ?? null,
      matchedSpans: row?.matched ?? [],
    };
  });
  const last = page[page.length - 1];
  const nextCursor = rows.length > request.limit && last ? encodeCursor({ sort, value: sortValue(last, sort.key), traceIdHex: bytesToHex(last.trace_id) }) : null;
  return { traces, nextCursor };
}

const SORT_COLUMNS: Record<SearchSortKey, SqlFragment> = {
  start: sql`t.start_time_unix_nano`,
  duration: sql`t.duration_ns`,
  spans: sql`t.span_count`,
  errors: sql`t.error_count`,
};

function sortValue(row: PageRow, key: SearchSortKey): bigint {
  switch (key) {
    case 'start':
      return BigInt(row.start_time_unix_nano);
    case 'duration':
      return BigInt(row.duration_ns);
    case 'spans':
      return BigInt(row.span_count);
    case 'errors':
      return BigInt(row.error_count);
  }
}

async function matchedSpanIds(db: Queryable, expr: SpansetExpr, scope: { tenant: string; fromNs: bigint; toNs: bigint }, traceIds: Buffer[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (traceIds.length === 0) return out;
  const compiled = compileSpanset(expr, { ...scope, traceIds });
  const rows = await queryRows<{ trace_id: Buffer; span_ids: Buffer[] }>(
    db,
    sql`${withClause(compiled)}
SELECT trace_id, (array_agg(DISTINCT span_id))[1:${MAX_MATCHED_IDS}] AS span_ids FROM ${compiled.root} GROUP BY trace_id`,
  );
  for (const row of rows) out.set(bytesToHex(row.trace_id), row.span_ids.map(bytesToHex));
  return out;
}

/** Postgres rejects some regexes JavaScript accepts; report those at the query's first regex, as a 400. */
export async function runPositioned<T>(regexPositions: number[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '2201B') {
      throw new AppError('bad_request', `expected a valid regular expression at position ${regexPositions[0] ?? 0}`, {
        details: { position: regexPositions[0] ?? 0 },
      });
    }
    if (code === '57014') {
      throw new AppError('bad_request', 'the search took too long; narrow the time range or the query', { details: { position: 0 } });
    }
    throw error;
  }
}
