// Recognises a parsed JSON trace file by its shape and decodes it: an array is Zipkin v2, an object with
// "resourceSpans" is an OTLP ExportTraceServiceRequest, an object with "data" is a Jaeger trace file.
import type { SpanRecord } from '../model/span';
import { TraceFormatError } from './format-error';
import { parseJaegerJson } from './jaeger-json';
import { parseOtlpJsonTraces } from './otlp-json-traces';
import { parseZipkinV2 } from './zipkin-v2';

export type TraceFileFormat = 'otlp-json' | 'jaeger-json' | 'zipkin-v2';

export function detectTraceFormat(input: unknown): TraceFileFormat {
  if (Array.isArray(input)) return 'zipkin-v2';
  if (typeof input === 'object' && input !== null) {
    if ('resourceSpans' in input) return 'otlp-json';
    if ('data' in input) return 'jaeger-json';
  }
  throw new TraceFormatError('not a trace file: expected an OTLP JSON export ({"resourceSpans":[...]}), a Jaeger trace ({"data":[...]}) or a Zipkin v2 span array');
}

export function parseTraceFile(input: unknown): { format: TraceFileFormat; spans: SpanRecord[] } {
  const format = detectTraceFormat(input);
  const spans = format === 'zipkin-v2' ? parseZipkinV2(input) : format === 'otlp-json' ? parseOtlpJsonTraces(input) : parseJaegerJson(input);
  return { format, spans };
}
