// The input of the analysis engine: the few SpanRecord fields it reads. A full SpanRecord is an
// AnalysisSpan, so callers pass stored spans as they are; a Web Worker may send this lighter shape instead
// to halve structured-clone cost. Times are unix nanoseconds as bigint; an end of 0n (or before the start)
// means the span never finished.
import type { SpanRecord } from '../model/span';

export type AnalysisSpan = Pick<SpanRecord, 'traceId' | 'spanId' | 'parentSpanId' | 'name' | 'kind' | 'serviceName' | 'startTimeUnixNano' | 'endTimeUnixNano' | 'statusCode' | 'host'> &
  Partial<Pick<SpanRecord, 'statusMessage' | 'attributes' | 'links' | 'events'>>;
