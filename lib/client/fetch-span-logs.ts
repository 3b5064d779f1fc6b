// The log lines of one span from GET /api/traces/{traceId}/logs?spanId= ({ traceId, spanId, lines }).
// A 404 (no such trace in the logs store, or an older server without the endpoint) means "no logs".
import type { LogLine } from '@/lib/domain/model/log-line';

export async function fetchSpanLogs(traceId: string, spanId: string): Promise<LogLine[]> {
  const url = `/api/traces/${encodeURIComponent(traceId)}/logs?${new URLSearchParams({ spanId })}`;
  const response = await fetch(url);
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`logs request failed (${response.status})`);
  const body = (await response.json()) as { lines?: LogLine[] };
  return Array.isArray(body.lines) ? body.lines : [];
}
