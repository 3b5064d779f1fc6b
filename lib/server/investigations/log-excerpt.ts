import 'server-only';
// Pinning a log query keeps its first lines (oldest first, as a postmortem reads them) next to the query, so
// the excerpt survives retention and goes into exports. A query that does not parse is refused (400), like on
// the logs page. Lines are cut to a bounded length: they are untrusted text and end up in every export.
import type pg from 'pg';
import { queryLogs } from '../logs/query-logs';
import { parseLogQueryOrThrow } from '../logs/parse-log-query';

export const EXCERPT_LINES = 50;
const MAX_LINE_CHARS = 2_000;

export interface ExcerptLine {
  timeUnixNano: string;
  line: string;
  severity: string | null;
  traceId: string | null;
  spanId: string | null;
}

export async function logExcerpt(pool: pg.Pool, tenant: string, query: string, from: string, to: string): Promise<ExcerptLine[]> {
  const parsed = parseLogQueryOrThrow(query);
  const lines = await queryLogs(pool, parsed, { tenant, startNs: BigInt(from), endNs: BigInt(to) + 1n }, { limit: EXCERPT_LINES, direction: 'forward' });
  return lines.map((l) => ({ timeUnixNano: l.timeUnixNano, line: l.line.slice(0, MAX_LINE_CHARS), severity: l.severityText, traceId: l.traceId, spanId: l.spanId }));
}
