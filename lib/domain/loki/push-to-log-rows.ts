// Turns decoded push streams into LogRows for the writer: trace correlation and severity per line.
import type { LogRow } from '../model/log-row';
import { detectSeverity } from './detect-severity';
import type { PushStream } from './push-model';
import { storableStringMap, storableText } from '../model/storable';
import { extractTraceRef, parseJsonLine } from './trace-correlation';

export function pushToLogRows(streams: readonly PushStream[], tenant: string, observedUnixNano: bigint): LogRow[] {
  const rows: LogRow[] = [];
  for (const stream of streams) {
    // NUL and lone surrogates (e.g. from \ud800 escapes in JSON) become U+FFFD: PostgreSQL cannot store them.
    const labels = storableStringMap(stream.labels);
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
        labels,
        line: storableText(e.line),
        metadata: storableStringMap(e.metadata),
        severityText: sev.severityText,
        severityNumber: sev.severityNumber,
      });
    }
  }
  return rows;
}
