// Every log line of a trace from GET /api/traces/{traceId}/logs (oldest first, up to the API's maximum), for
// the trace page's Logs view and for a span whose own logs are empty but whose descendants wrote some.
import type { LogLine } from '@/lib/domain/model/log-line';

/** The API's cap (app/api/traces/[traceId]/logs/route.ts). */
export const TRACE_LOG_LIMIT = 5000;

export async function fetchTraceLogs(traceId: string): Promise<LogLine[]> {
  const response = await fetch(`/api/traces/${encodeURIComponent(traceId)}/logs?limit=${TRACE_LOG_LIMIT}`);
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`logs request failed (${response.status})`);
  const body = (await response.json()) as { lines?: LogLine[] };
  return Array.isArray(body.lines) ? body.lines : [];
}
