import 'server-only';
// Tempo's trace-by-id bodies, honouring `Accept: application/protobuf` as Tempo does:
//   /api/traces/{id}     OTLP TracesData — JSON {resourceSpans} or protobuf
//   /api/v2/traces/{id}  tempopb.TraceByIDResponse — JSON {trace: {resourceSpans}} or protobuf (what
//                        Grafana's Tempo data source requests and unmarshals)
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { encodeOtlpJsonTrace } from '@/lib/domain/otlp/encode-otlp-json';
import { encodeTracesDataProto, wrapTraceByIdResponse } from '@/lib/domain/tempo/encode-tempo-proto';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';
import { readTrace } from '../traces/read-trace';

function wantsProtobuf(request: Request): boolean {
  return /application\/(x-)?protobuf/i.test(request.headers.get('accept') ?? '');
}

export async function tempoTraceResponse(db: Queryable, tenant: string, rawId: string, request: Request, version: 'v1' | 'v2'): Promise<Response> {
  const traceId = normalizeTraceId(decodeURIComponent(rawId).toLowerCase());
  if (!isValidTraceId(traceId)) throw new AppError('bad_request', 'trace id must be 16 or 32 hex characters', { details: { field: 'traceId' } });
  const trace = await readTrace(db, tenant, traceId);
  if (!trace) throw new AppError('not_found', `trace ${traceId} not found`);
  const otlp = encodeOtlpJsonTrace(trace);
  if (wantsProtobuf(request)) {
    const data = encodeTracesDataProto(otlp);
    const body = version === 'v2' ? wrapTraceByIdResponse(data) : data;
    return new Response(new Uint8Array(body), { headers: { 'Content-Type': 'application/protobuf' } });
  }
  return Response.json(version === 'v2' ? { trace: otlp } : otlp);
}
