// The log lines of one span from GET /api/traces/{traceId}/logs?spanId= (built on the logs branch).
// The shape is read defensively: a 404 (endpoint or trace without logs) means "no logs", not an error.
export interface SpanLogLine {
  timeUnixNano: string;
  severityText: string;
  line: string;
}

export async function fetchSpanLogs(traceId: string, spanId: string): Promise<SpanLogLine[]> {
  const url = `/api/traces/${encodeURIComponent(traceId)}/logs?${new URLSearchParams({ spanId })}`;
  const response = await fetch(url);
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`logs request failed (${response.status})`);
  const body: unknown = await response.json();
  // The endpoint answers { traceId, spanId, lines: LogLine[] } (lib/domain/model/log-line.ts).
  const b = body as { lines?: unknown; logs?: unknown };
  const list = Array.isArray(body) ? body : Array.isArray(b.lines) ? b.lines : Array.isArray(b.logs) ? b.logs : [];
  return list.map((item) => {
    const o = (item ?? {}) as Record<string, unknown>;
    return {
      timeUnixNano: String(o.timeUnixNano ?? o.time ?? ''),
      severityText: String(o.severityText ?? o.severity ?? ''),
      line: String(o.line ?? o.body ?? ''),
    };
  });
}
