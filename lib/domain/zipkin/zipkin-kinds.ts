// Zipkin v2 span kinds and their OTLP SpanKind, shared by ingest (spans-from-zipkin.ts) and the CLI reader
// (formats/zipkin-v2.ts). A span without a kind is NOT in this table: each reader picks its own default.
import { SpanKind } from '../model/span';

export const ZIPKIN_KINDS: Readonly<Record<string, SpanKind>> = {
  CLIENT: SpanKind.CLIENT,
  SERVER: SpanKind.SERVER,
  PRODUCER: SpanKind.PRODUCER,
  CONSUMER: SpanKind.CONSUMER,
};
