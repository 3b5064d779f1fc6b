// One log line ready to be stored, whatever protocol delivered it (OTLP logs, Loki push). Labels identify the
// stream (Loki's model: few, low-cardinality); metadata holds the per-line attributes. Times are unix ns.
export interface LogRecordInput {
  tenant: string;
  /** 32 lowercase hex chars, or null when the line carries no trace context. */
  traceId: string | null;
  spanId: string | null;
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint | null;
  labels: Record<string, string>;
  line: string;
  metadata: Record<string, string>;
  severityText: string | null;
  severityNumber: number | null;
}
