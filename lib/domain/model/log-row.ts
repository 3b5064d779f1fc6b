// One log line as every log ingest path (Loki push, OTLP logs) hands it to the writer. Shared contract with
// the OTLP ingest path: lib/server/logs/write-logs.ts stores exactly this.
// Times are unix nanoseconds as bigint; ids are lowercase hex (trace 32 chars, span 16) or null when unknown.
export interface LogRow {
  tenant: string;
  traceId: string | null;
  spanId: string | null;
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint | null;
  /** Stream labels (Loki) or resource attributes flattened to strings (OTLP). Defines the stream. */
  labels: Record<string, string>;
  line: string;
  /** Loki structured metadata / OTLP log attributes, stringified. Not part of the stream identity. */
  metadata: Record<string, string>;
  severityText: string | null;
  severityNumber: number | null;
}
