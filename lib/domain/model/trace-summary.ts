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
  /**
   * The background diagnosis (lib/server/diagnosis), made on the stored spans with their attributes; absent
   * until the trace has settled and been analysed. Only the trace page's summary carries it.
   */
  diagnosis?: { likelyCause: { type: string; service: string; spanId: string; summary: string } | null; findingTypes: string[] };
}
