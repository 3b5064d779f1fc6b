import 'server-only';
// Loki's query response for log queries: lines grouped into streams by their label set. As Loki does by
// default, structured metadata is merged into each line's stream labels (so Grafana can show and filter it),
// and the trace id, when known, is exposed as a `trace_id` label for Grafana's derived-field links.
import type { LogLine } from '@/lib/domain/model/log-line';
import { formatLabelString } from '@/lib/domain/loki/label-string';
import type { Direction } from './query-logs';

export interface LokiStreamsResponse {
  status: 'success';
  data: {
    resultType: 'streams';
    result: { stream: Record<string, string>; values: [string, string][] }[];
    stats: Record<string, unknown>;
  };
}

export function lokiStreamsResponse(lines: readonly LogLine[], direction: Direction): LokiStreamsResponse {
  const groups = new Map<string, { stream: Record<string, string>; values: [string, string][] }>();
  for (const l of lines) {
    const stream: Record<string, string> = { ...l.labels, ...l.metadata };
    if (l.traceId && !('trace_id' in stream)) stream.trace_id = l.traceId;
    const key = formatLabelString(stream);
    let group = groups.get(key);
    if (!group) {
      group = { stream, values: [] };
      groups.set(key, group);
    }
    group.values.push([l.timeUnixNano, l.line]);
  }
  // Lines arrive ordered by the query direction; each stream keeps that order.
  void direction;
  return {
    status: 'success',
    data: { resultType: 'streams', result: [...groups.values()], stats: { summary: { totalLinesProcessed: lines.length } } },
  };
}
