// Ground truth of one corpus trace: the findings a senior SRE reading the trace would expect (each must be
// reported: recall) and the ones the trace is a trap for (must not be reported). Every reported finding of
// a scored type that matches no expectation is a false alarm (precision), whether it was listed under
// `forbid` or not; `forbid` documents the trap and is checked by name in the scorer's report.
// Matching (expectation-match.ts): `service` is the service the finding is about (the failing span's for a
// root cause, the caller that gave up for a timeout cascade, the retried/queried downstream for retries and
// N+1, the span's for a hotspot); `host` the clock of a clock-skew finding; `path` the chain of a cycle.
export interface ExpectedFinding {
  type: string;
  service?: string;
  host?: string;
  path?: string[];
}

export interface CorpusCase {
  /** Trace file under corpus/traces/ (OTLP JSON, Jaeger JSON or Zipkin v2); its traces are analysed together. */
  file: string;
  traceId: string;
  system: string;
  scenario: string;
  /** What the trace shows, in one line (why these findings are expected). */
  story: string;
  expect: ExpectedFinding[];
  forbid: ExpectedFinding[];
  allow?: ExpectedFinding[];
  /** The one most likely cause the engine should name (likely-cause.ts); unset where the trace shows no problem. */
  cause?: ExpectedFinding;
}
