// Finds the trace and span a log line belongs to. Sources, first match wins: structured metadata, stream
// labels, then the line itself (top-level JSON keys, or logfmt `trace_id=...`). Only well-formed ids are taken
// (32/16 hex; 16-hex trace ids are left-padded as Zipkin/Jaeger do), so a random "trace_id=foo" is ignored.
import { isValidSpanId, isValidTraceId, normalizeTraceId } from '../model/ids';

export const TRACE_ID_KEYS = ['trace_id', 'traceId', 'traceID', 'trace-id', 'traceid'] as const;
export const SPAN_ID_KEYS = ['span_id', 'spanId', 'spanID', 'span-id', 'spanid'] as const;

/** Lines longer than this are not JSON-parsed for ids (bounded work per line). */
const MAX_PARSED_LINE = 16 * 1024;

export interface TraceRef {
  traceId: string | null;
  spanId: string | null;
}

function traceFrom(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const id = normalizeTraceId(value);
  return isValidTraceId(id) ? id : null;
}

function spanFrom(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const id = value.trim().toLowerCase();
  return isValidSpanId(id) ? id : null;
}

function fromMap(map: Record<string, unknown>, keys: readonly string[], pick: (v: unknown) => string | null): string | null {
  for (const k of keys) {
    const v = pick(map[k]);
    if (v) return v;
  }
  return null;
}

const LOGFMT_TRACE = /(?:^|[\s,;])(?:trace_id|traceId|traceID|trace-id|traceid)[=:]\s*"?([0-9a-fA-F]{16,32})\b/;
const LOGFMT_SPAN = /(?:^|[\s,;])(?:span_id|spanId|spanID|span-id|spanid)[=:]\s*"?([0-9a-fA-F]{16})\b/;

/** Parses a JSON-object line once (or returns null); shared with severity detection. */
export function parseJsonLine(line: string): Record<string, unknown> | null {
  if (line.length > MAX_PARSED_LINE || line.charCodeAt(0) !== 123 /* { */) return null;
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function extractTraceRef(metadata: Record<string, string>, labels: Record<string, string>, line: string, json: Record<string, unknown> | null): TraceRef {
  let traceId = fromMap(metadata, TRACE_ID_KEYS, traceFrom) ?? fromMap(labels, TRACE_ID_KEYS, traceFrom);
  let spanId = fromMap(metadata, SPAN_ID_KEYS, spanFrom) ?? fromMap(labels, SPAN_ID_KEYS, spanFrom);
  if (traceId && spanId) return { traceId, spanId };
  if (json) {
    traceId ??= fromMap(json, TRACE_ID_KEYS, traceFrom);
    spanId ??= fromMap(json, SPAN_ID_KEYS, spanFrom);
  } else if (line.length <= MAX_PARSED_LINE) {
    // indexOf prechecks skip the regexes for the many lines that mention no ids at all.
    if (!traceId && (line.includes('race') || line.includes('RACE'))) traceId = traceFrom(LOGFMT_TRACE.exec(line)?.[1]);
    if (!spanId && (line.includes('pan') || line.includes('PAN'))) spanId = spanFrom(LOGFMT_SPAN.exec(line)?.[1]);
  }
  return { traceId, spanId };
}
