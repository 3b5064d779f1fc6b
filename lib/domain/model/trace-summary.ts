// The per-trace summary as the API and UI see it. Times cross the wire as decimal strings of unix ns.
export interface TraceSummary {
  traceId: string;
  rootService: string | null;
  rootName: string | null;
  startUnixNano: string;
  durationNs: string;
  spanCount: number;
  errorCount: number;
  services: string[];
}
