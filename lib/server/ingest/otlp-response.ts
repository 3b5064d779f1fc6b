import 'server-only';
// OTLP/HTTP success responses in the request's encoding: an Export*ServiceResponse whose partialSuccess is
// set only when items were rejected (per the OTLP spec, an empty response means full success).
import { OtlpProto } from '@/lib/domain/otlp/otlp-proto-schema';
import type { BodyFormat } from './ingest-request';

export type OtlpSignal = 'traces' | 'logs';

export function otlpSuccessResponse(signal: OtlpSignal, format: BodyFormat, rejected: number, errorMessage: string): Response {
  const partialSuccess =
    rejected > 0
      ? signal === 'traces'
        ? { rejectedSpans: rejected, errorMessage }
        : { rejectedLogRecords: rejected, errorMessage }
      : undefined;
  if (format === 'json') {
    // int64 counts are decimal strings in OTLP JSON.
    const body = partialSuccess
      ? { partialSuccess: signal === 'traces' ? { rejectedSpans: String(rejected), errorMessage } : { rejectedLogRecords: String(rejected), errorMessage } }
      : {};
    return Response.json(body, { status: 200 });
  }
  const type = signal === 'traces' ? OtlpProto.ExportTraceServiceResponse : OtlpProto.ExportLogsServiceResponse;
  const bytes = type.encode(type.fromObject(partialSuccess ? { partialSuccess } : {})).finish();
  return new Response(new Uint8Array(bytes), { status: 200, headers: { 'Content-Type': 'application/x-protobuf' } });
}
