import 'server-only';
// OTLP/HTTP error responses: the spec wants a google.rpc.Status in the request's encoding. Protobuf requests
// get a protobuf Status; JSON requests get the shared error body `{ "error": { code, message } }` with the
// Status fields `code` (gRPC code) and `message` alongside — valid for both readers. Status and Retry-After
// come from the shared error mapping (route-handler.ts), so the HTTP semantics are identical.
import { OtlpProto } from '@/lib/domain/otlp/otlp-proto-schema';
import { errorResponse } from '../http/route-handler';
import type { BodyFormat } from './ingest-request';

/** The gRPC status code for an HTTP status (the OTLP/gRPC receiver uses the same table). */
export const GRPC_CODE: Record<number, number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  404: 5, // NOT_FOUND
  413: 3,
  415: 3,
  429: 8, // RESOURCE_EXHAUSTED
  503: 14, // UNAVAILABLE
};

export async function otlpErrorResponse(error: unknown, format: BodyFormat): Promise<Response> {
  const base = errorResponse(error);
  const body = (await base.json()) as { error: { message: string } };
  const code = GRPC_CODE[base.status] ?? 13; // INTERNAL
  const headers = new Headers(base.headers);
  if (format === 'protobuf') {
    headers.set('Content-Type', 'application/x-protobuf');
    const bytes = OtlpProto.RpcStatus.encode(OtlpProto.RpcStatus.fromObject({ code, message: body.error.message })).finish();
    return new Response(new Uint8Array(bytes), { status: base.status, headers });
  }
  return Response.json({ code, message: body.error.message, ...body }, { status: base.status, headers });
}

/** The encoding to answer errors in: protobuf only when the request says it is protobuf. */
export function errorFormatOf(request: Request): BodyFormat {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/x-protobuf' || type === 'application/protobuf' ? 'protobuf' : 'json';
}
