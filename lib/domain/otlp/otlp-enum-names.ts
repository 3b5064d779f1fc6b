// The OTLP JSON mapping allows enum names instead of numbers; both OTLP JSON readers (ingest's
// decode-otlp-json.ts and the CLI's formats/otlp-json-traces.ts) accept these.
import { SpanKind, StatusCode } from '../model/span';

export const SPAN_KIND_NAMES: Readonly<Record<string, SpanKind>> = {
  SPAN_KIND_UNSPECIFIED: SpanKind.UNSPECIFIED,
  SPAN_KIND_INTERNAL: SpanKind.INTERNAL,
  SPAN_KIND_SERVER: SpanKind.SERVER,
  SPAN_KIND_CLIENT: SpanKind.CLIENT,
  SPAN_KIND_PRODUCER: SpanKind.PRODUCER,
  SPAN_KIND_CONSUMER: SpanKind.CONSUMER,
};

export const STATUS_CODE_NAMES: Readonly<Record<string, StatusCode>> = {
  STATUS_CODE_UNSET: StatusCode.UNSET,
  STATUS_CODE_OK: StatusCode.OK,
  STATUS_CODE_ERROR: StatusCode.ERROR,
};
