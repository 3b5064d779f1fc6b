// Turns decoded push streams into LogRows for the writer: trace correlation and severity per line.
import type { LogRow } from '../model/log-row';
import { detectSeverity } from './detect-severity';
import type { PushStream } from './push-model';
import { extractTraceRef, parseJsonLine } from './trace-correlation';

export function pushToLogRows(streams: readonly PushStream[], tenant: string, observedUnixNano: bigint): LogRow[] {
  const rows: LogRow[] = [];
  for (const stream of streams) {
    for (const e of stream.entries) {
      const json = parseJsonLine(e.line);
      const ref = extractTraceRef(e.metadata, stream.labels, e.line, json);
      const sev = detectSeverity(e.metadata, stream.labels, e.line, json);
      rows.push({
        tenant,
        traceId: ref.traceId,
        spanId: ref.spanId,
        timeUnixNano: e.timeUnixNano,
        observedTimeUnixNano: observedUnixNano,
        labels: stream.labels,
        line: e.line,
        metadata: e.metadata,
        severityText: sev.severityText,
        severityNumber: sev.severityNumber,
      });
    }
  }
  return rows;
}
