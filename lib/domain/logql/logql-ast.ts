// The supported LogQL subset (log queries only):
//   {name="v", name!="v", name=~"re", name!~"re"}   stream selector (at least one matcher)
//   |= "s"  != "s"  |~ "re"  !~ "re"               line filters
//   | json   | logfmt                               parsers (top-level fields, of the original line)
//   | regexp "(?P<a>re)"   | pattern "<a> <_>"       extraction into fields
//   | line_format "{{.a}} …"   | label_format b=a, c="{{.a}}"   templates of {{.field}} parts only
//   | drop a, b   | keep a, b                        output labels (names only)
//   | name op value [and|, name op value ...]       label filters; op = == != =~ !~ > >= < <=;
//                                                   value "string" | number | duration (10s, 1.5ms, 1h30m)
//   metric expressions: range functions, aggregations, literals and binary operators (MetricExpr below)
//   | drop __error__                               a no-op (Grafana appends it; no error labels are set here)
// Regexes are RE2-style text handed to PostgreSQL's `~` (stream matchers anchored as in Loki).
import type { ExtractStage, TemplatePart } from './extraction-stages';

export type MatchOp = '=' | '!=' | '=~' | '!~';
export type LineFilterOp = '|=' | '!=' | '|~' | '!~';
export type CompareOp = '=' | '!=' | '=~' | '!~' | '>' | '>=' | '<' | '<=';

export interface StreamMatcher {
  name: string;
  op: MatchOp;
  value: string;
}

export type FilterValue = { type: 'string'; value: string } | { type: 'number'; value: number } | { type: 'duration'; seconds: number };

export interface LabelFilter {
  name: string;
  op: CompareOp;
  value: FilterValue;
}

export type PipelineStage =
  | { kind: 'line'; op: LineFilterOp; value: string }
  | { kind: 'parser'; parser: 'json' | 'logfmt' }
  | { kind: 'labels'; filters: LabelFilter[] }
  | ExtractStage
  | { kind: 'line_format'; template: TemplatePart[] }
  | { kind: 'label_format'; assignments: LabelAssignment[] }
  | { kind: 'drop' | 'keep'; names: string[] };

/** `new=old` renames a label; `new="{{.a}}…"` sets it from a template. */
export type LabelAssignment = { name: string; rename: string } | { name: string; template: TemplatePart[] };

export interface LogQuery {
  matchers: StreamMatcher[];
  pipeline: PipelineStage[];
}

/** `by (a, b)` keeps only those labels; `without (a, b)` drops them. */
export interface Grouping {
  without: boolean;
  labels: string[];
}

/** Range functions over lines (count, rate, bytes) or over an unwrapped field (the rest). */
export type RangeFunction =
  | 'count_over_time'
  | 'rate'
  | 'bytes_over_time'
  | 'bytes_rate'
  | 'sum_over_time'
  | 'avg_over_time'
  | 'min_over_time'
  | 'max_over_time'
  | 'quantile_over_time'
  | 'stddev_over_time'
  | 'stdvar_over_time';

export const LINE_RANGE_FUNCTIONS: ReadonlySet<RangeFunction> = new Set(['count_over_time', 'rate', 'bytes_over_time', 'bytes_rate']);

/** `| unwrap field`, `| unwrap duration(field)` / `duration_seconds(field)`. */
export interface Unwrap {
  field: string;
  conversion: 'number' | 'duration';
}

/** fn(<log query> [| unwrap ...] [range]) — one value per series and step over the window (t - range, t]. */
export interface RangeExpr {
  kind: 'range';
  fn: RangeFunction;
  query: LogQuery;
  rangeSeconds: number;
  unwrap: Unwrap | null;
  /** The φ of quantile_over_time. */
  param: number | null;
  grouping: Grouping | null;
}

export type AggregateOp = 'sum' | 'avg' | 'min' | 'max' | 'count' | 'stddev' | 'stdvar' | 'topk' | 'bottomk';

export interface AggregateExpr {
  kind: 'aggregate';
  op: AggregateOp;
  grouping: Grouping | null;
  /** k of topk/bottomk. */
  param: number | null;
  inner: MetricExpr;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';

export interface BinaryExpr {
  kind: 'binary';
  op: ArithmeticOp | ComparisonOp;
  /** Comparison with `bool`: 0/1 instead of filtering. */
  bool: boolean;
  left: MetricExpr;
  right: MetricExpr;
}

/** A number is a scalar; `vector(n)` is a vector of one series without labels. */
export interface LiteralExpr {
  kind: 'literal';
  value: number;
  vector: boolean;
}

export type MetricExpr = RangeExpr | AggregateExpr | BinaryExpr | LiteralExpr;

export type LogqlExpr = { kind: 'log'; query: LogQuery } | { kind: 'metric'; expr: MetricExpr };

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
