import 'server-only';
// Errors of the OTLP/gRPC receiver as gRPC statuses: the same mapping as the HTTP path (errorResponse, then
// the HTTP→gRPC table of otlp-error-response.ts). When the pipeline is saturated (RESOURCE_EXHAUSTED) or the
// database is down (UNAVAILABLE) the status carries a google.rpc.RetryInfo in grpc-status-details-bin: the
// OTLP spec makes RESOURCE_EXHAUSTED retryable only when the server says when to retry.
import * as grpc from '@grpc/grpc-js';
import { OtlpProto } from '@/lib/domain/otlp/otlp-proto-schema';
import { errorResponse } from '../../http/route-handler';
import { GRPC_CODE } from '../otlp-error-response';

const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';

export function retryableStatusDetails(code: number, message: string, retryAfterSeconds: number): Buffer {
  const retryInfo = OtlpProto.RetryInfo.encode(OtlpProto.RetryInfo.fromObject({ retryDelay: { seconds: retryAfterSeconds, nanos: 0 } })).finish();
  const status = OtlpProto.RpcStatus.fromObject({ code, message, details: [{ typeUrl: RETRY_INFO_TYPE, value: retryInfo }] });
  return Buffer.from(OtlpProto.RpcStatus.encode(status).finish());
}

/** A grpc-js error object for anything the export handler threw. */
export async function grpcErrorOf(error: unknown): Promise<Partial<grpc.StatusObject>> {
  const response = errorResponse(error);
  const message = ((await response.json()) as { error: { message: string } }).error.message;
  const code = GRPC_CODE[response.status] ?? grpc.status.INTERNAL;
  const metadata = new grpc.Metadata();
  const retryAfter = Number(response.headers.get('retry-after'));
  if ((code === grpc.status.RESOURCE_EXHAUSTED || code === grpc.status.UNAVAILABLE) && Number.isFinite(retryAfter) && retryAfter > 0) {
    metadata.set('grpc-status-details-bin', retryableStatusDetails(code, message, retryAfter));
  }
  return { code, details: message, metadata };
}
