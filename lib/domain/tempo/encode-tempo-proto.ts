// OTLP JSON traces (encode-otlp-json.ts) → the protobuf bodies of Tempo's trace-by-id endpoints:
//   /api/traces/{id}     OTLP TracesData            (field 1: repeated ResourceSpans)
//   /api/v2/traces/{id}  tempopb.TraceByIDResponse   (field 1: Trace trace; Trace is field 1: repeated
//                        ResourceSpans — wire-identical to TracesData), what Grafana's Tempo data source
//                        unmarshals (pkg/tsdb/tempo/trace.go, proto.Unmarshal into tempopb.TraceByIDResponse).
// TracesData has the wire format of ExportTraceServiceRequest (field 1, same ResourceSpans), so the existing
// OTLP schema encodes it; the wrapper is one length-delimited field written by hand.
import protobuf from 'protobufjs';
import type { AnyValue, KeyValue } from '../model/any-value';
import { bytesOfHex } from '../otlp/hex';
import { OtlpProto } from '../otlp/otlp-proto-schema';
import type { OtlpJsonTraceRequest } from '../otlp/encode-otlp-json';

function anyValue(v: AnyValue): unknown {
  // bytesValue stays base64 text: protobufjs's fromObject decodes base64 strings for bytes fields.
  if ('arrayValue' in v) return { arrayValue: { values: v.arrayValue.values.map(anyValue) } };
  if ('kvlistValue' in v) return { kvlistValue: { values: keyValues(v.kvlistValue.values) } };
  return v;
}

function keyValues(list: readonly KeyValue[]): unknown[] {
  return list.map((kv) => ({ key: kv.key, value: anyValue(kv.value) }));
}

/** OTLP TracesData protobuf. */
export function encodeTracesDataProto(trace: OtlpJsonTraceRequest): Uint8Array {
  const message = {
    resourceSpans: trace.resourceSpans.map((rs) => ({
      resource: { attributes: keyValues(rs.resource.attributes), droppedAttributesCount: rs.resource.droppedAttributesCount },
      scopeSpans: rs.scopeSpans.map((ss) => ({
        scope: { name: ss.scope.name, version: ss.scope.version, attributes: keyValues(ss.scope.attributes) },
        spans: ss.spans.map((s) => ({
          ...s,
          traceId: bytesOfHex(s.traceId),
          spanId: bytesOfHex(s.spanId),
          parentSpanId: s.parentSpanId ? bytesOfHex(s.parentSpanId) : undefined,
          attributes: keyValues(s.attributes),
          events: s.events.map((e) => ({ ...e, attributes: keyValues(e.attributes) })),
          links: s.links.map((l) => ({ ...l, traceId: bytesOfHex(l.traceId), spanId: bytesOfHex(l.spanId), attributes: keyValues(l.attributes) })),
        })),
      })),
    })),
  };
  const type = OtlpProto.ExportTraceServiceRequest;
  return type.encode(type.fromObject(message)).finish();
}

/** tempopb.TraceByIDResponse { Trace trace = 1; } around TracesData bytes. */
export function wrapTraceByIdResponse(tracesData: Uint8Array): Uint8Array {
  return protobuf.Writer.create()
    .uint32((1 << 3) | 2)
    .bytes(tracesData)
    .finish();
}
