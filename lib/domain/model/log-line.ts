// A stored log line as the API returns it (wire shape: unix ns as a decimal string, ids as hex or null).
export interface LogLine {
  timeUnixNano: string;
  line: string;
  labels: Record<string, string>;
  metadata: Record<string, string>;
  traceId: string | null;
  spanId: string | null;
  severityText: string | null;
}

/** Matching lines per time bucket, for the logs histogram. Bucket starts are unix ns strings. */
export interface LogHistogram {
  startUnixNano: string;
  endUnixNano: string;
  stepNs: string;
  buckets: { startUnixNano: string; count: number }[];
}
