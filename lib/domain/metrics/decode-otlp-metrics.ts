// OTLP metrics bodies → the plain object metricsFromOtlp walks (the OTLP JSON mapping's shape).
import { OtlpProto } from '../otlp/otlp-proto-schema';
import { OtlpDecodeError } from '../otlp/otlp-request';

export function parseOtlpMetricsJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new OtlpDecodeError(`Invalid OTLP JSON: ${(error as Error).message}`);
  }
}

/** A protobuf ExportMetricsServiceRequest as a plain object: int64 → decimal strings, bytes → base64. */
export function decodeOtlpMetricsProto(bytes: Uint8Array): unknown {
  try {
    const message = OtlpProto.ExportMetricsServiceRequest.decode(bytes);
    return OtlpProto.ExportMetricsServiceRequest.toObject(message, { longs: String, bytes: String, enums: Number, defaults: false });
  } catch (error) {
    throw new OtlpDecodeError(`Invalid OTLP protobuf: ${(error as Error).message}`);
  }
}
