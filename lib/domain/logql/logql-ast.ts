// The supported LogQL subset (log queries only):
//   {name="v", name!="v", name=~"re", name!~"re"}   stream selector (at least one matcher)
//   |= "s"  != "s"  |~ "re"  !~ "re"               line filters
//   | json   | logfmt                               parsers (top-level fields)
//   | name op value [and|, name op value ...]       label filters; op = == != =~ !~ > >= < <=;
//                                                   value "string" | number | duration (10s, 1.5ms, 1h30m)
//   count_over_time(<log query> [5m]), sum [by (a, b)] (count_over_time(...))   metric queries (log volume)
//   | drop __error__                               accepted as a no-op (Grafana appends it)
// Regexes are RE2-style text handed to PostgreSQL's `~` (stream matchers anchored as in Loki).
export type MatchOp = '=' | '!=' | '=~' | '!~';
export type LineFilterOp = '|=' | '!=' | '|~' | '!~';
export type CompareOp = '=' | '!=' | '=~' | '!~' | '>' | '>=' | '<' | '<=';

export interface StreamMatcher {
  name: string;
  op: MatchOp;
  value: string;
}

export type FilterValue =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'duration'; seconds: number };

export interface LabelFilter {
  name: string;
  op: CompareOp;
  value: FilterValue;
}

export type PipelineStage =
  | { kind: 'line'; op: LineFilterOp; value: string }
  | { kind: 'parser'; parser: 'json' | 'logfmt' }
  | { kind: 'labels'; filters: LabelFilter[] };

export interface LogQuery {
  matchers: StreamMatcher[];
  pipeline: PipelineStage[];
}

/**
 * count_over_time(<log query>[range]) — per stream when `aggregation` is null; with sum, per distinct values
 * of the `by` labels (an empty list: one series).
 */
export interface MetricQuery {
  query: LogQuery;
  rangeSeconds: number;
  aggregation: { by: string[] } | null;
}

export type LogqlExpr = { kind: 'log'; query: LogQuery } | { kind: 'metric'; metric: MetricQuery };

export class LogqlError extends Error {
  override name = 'LogqlError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} (at position ${position})`);
  }
}

/** Longest query text accepted: bounds parser work and the size of regexes handed to the database. */
export const MAX_QUERY_LENGTH = 4096;
