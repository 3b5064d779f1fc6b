// A trace file opened in the browser (the /trace/local page; nothing is sent to the server): JSON text →
// its traces, each with the summary the trace list and header show. Same decoders as `tracehound analyze`
// (parse-trace-file.ts). Every failure is a TraceFormatError whose message names the problem.
import { groupByTrace } from '../analysis/group-by-trace';
import { StatusCode, type SpanRecord } from '../model/span';
import type { TraceSummary } from '../model/trace-summary';
import { TraceFormatError } from './format-error';
import { parseTraceFile, type TraceFileFormat } from './parse-trace-file';

export interface LocalTraceFile {
  format: TraceFileFormat;
  /** In order of first appearance in the file. */
  traces: { summary: TraceSummary; spans: SpanRecord[] }[];
}

export function readLocalTraceFile(text: string): LocalTraceFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TraceFormatError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { format, spans } = parseTraceFile(json);
  if (spans.length === 0) throw new TraceFormatError(`the ${format} file holds no spans`);
  return { format, traces: groupByTrace(spans).map((group) => ({ summary: summarizeSpans(group), spans: group })) };
}

/** A trace's summary from its spans: the root is the earliest span whose parent is not in the trace. */
export function summarizeSpans(spans: readonly SpanRecord[]): TraceSummary {
  const ids = new Set(spans.map((s) => s.spanId));
  let start = spans[0]!.startTimeUnixNano;
  let end = start;
  let root: SpanRecord | null = null;
  let errorCount = 0;
  const services = new Set<string>();
  for (const s of spans) {
    if (s.startTimeUnixNano < start) start = s.startTimeUnixNano;
    if (s.endTimeUnixNano > end) end = s.endTimeUnixNano;
    if ((!s.parentSpanId || !ids.has(s.parentSpanId)) && (!root || s.startTimeUnixNano < root.startTimeUnixNano)) root = s;
    if (s.statusCode === StatusCode.ERROR) errorCount++;
    services.add(s.serviceName);
  }
  return {
    traceId: spans[0]!.traceId,
    rootService: root?.serviceName ?? null,
    rootName: root?.name ?? null,
    startUnixNano: start.toString(),
    durationNs: (end > start ? end - start : 0n).toString(),
    spanCount: spans.length,
    errorCount,
    services: [...services].sort(),
  };
}
