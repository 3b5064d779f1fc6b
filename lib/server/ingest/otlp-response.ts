import 'server-only';
// OTLP/HTTP success responses in the request's encoding: an Export*ServiceResponse whose partialSuccess is
// set only when items were rejected (per the OTLP spec, an empty response means full success).
import { OtlpProto } from '@/lib/domain/otlp/otlp-proto-schema';
import type { BodyFormat } from './ingest-request';

export type OtlpSignal = 'traces' | 'logs' | 'metrics';

/** The signal's partialSuccess count field (int64). */
const REJECTED_FIELD: Record<OtlpSignal, string> = { traces: 'rejectedSpans', logs: 'rejectedLogRecords', metrics: 'rejectedDataPoints' };

const RESPONSE_TYPE = {
  traces: OtlpProto.ExportTraceServiceResponse,
  logs: OtlpProto.ExportLogsServiceResponse,
  metrics: OtlpProto.ExportMetricsServiceResponse,
};

/** The Export*ServiceResponse as protobuf bytes (OTLP/HTTP protobuf and OTLP/gRPC). */
export function otlpResponseBytes(signal: OtlpSignal, rejected: number, errorMessage: string): Uint8Array {
  const type = RESPONSE_TYPE[signal];
  const partialSuccess = rejected > 0 ? { [REJECTED_FIELD[signal]]: rejected, errorMessage } : undefined;
  return type.encode(type.fromObject(partialSuccess ? { partialSuccess } : {})).finish();
}

export function otlpSuccessResponse(signal: OtlpSignal, format: BodyFormat, rejected: number, errorMessage: string): Response {
  if (format === 'json') {
    // int64 counts are decimal strings in OTLP JSON.
    const body = rejected > 0 ? { partialSuccess: { [REJECTED_FIELD[signal]]: String(rejected), errorMessage } } : {};
    return Response.json(body, { status: 200 });
  }
  const bytes = otlpResponseBytes(signal, rejected, errorMessage);
  return new Response(new Uint8Array(bytes), { status: 200, headers: { 'Content-Type': 'application/x-protobuf' } });
}
