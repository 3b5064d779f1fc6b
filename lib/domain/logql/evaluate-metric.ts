// Evaluates a LogQL metric expression over `points` evaluation steps (index 0 = start, i = start + i·step).
// Range functions are answered by the caller's loader (the database); everything above them — literals,
// aggregations, binary operators — is computed here per step, as Prometheus/Loki define it:
//   - a series' value at a step may be absent (undefined): no lines fell in that window;
//   - vector ⊕ vector matches series with identical label sets; comparisons without `bool` filter;
//   - aggregations group by the `by` labels (or all but the `without` labels) and skip absent values.
// Pure: no I/O besides the loader, numbers are float64 as in Loki.
import { LogqlError, type AggregateExpr, type BinaryExpr, type Grouping, type MetricExpr, type RangeExpr } from './logql-ast';

export interface StepSeries {
  metric: Record<string, string>;
  /** One entry per step; undefined = no sample. */
  values: (number | undefined)[];
}

export type MetricValue = { kind: 'scalar'; values: number[] } | { kind: 'vector'; series: StepSeries[] };

/**
 * Loads a range function's series. `groupBy`, when given, asks the loader to sum the range function's values
 * per group itself (only for additive line functions under `sum`), so per-stream series never leave the database.
 */
export type RangeLoader = (range: RangeExpr, groupBy: Grouping | null) => Promise<StepSeries[]>;

const ADDITIVE = new Set(['count_over_time', 'rate', 'bytes_over_time', 'bytes_rate']);

function labelKey(metric: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(metric)
      .sort()
      .map((k) => [k, metric[k]]),
  );
}

export function groupLabels(metric: Record<string, string>, grouping: Grouping | null): Record<string, string> {
  if (grouping === null) return {};
  const out: Record<string, string> = {};
  if (grouping.without) {
    const drop = new Set(grouping.labels);
    for (const [k, v] of Object.entries(metric)) if (!drop.has(k)) out[k] = v;
  } else {
    for (const k of grouping.labels) if (metric[k] !== undefined && metric[k] !== '') out[k] = metric[k];
  }
  return out;
}

function arithmetic(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '^':
      return a ** b;
    default:
      throw new Error(`unreachable: ${op}`);
  }
}

function compare(op: string, a: number, b: number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    default:
      throw new Error(`unreachable: ${op}`);
  }
}

const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);

/** a ⊕ b at one step; undefined drops the sample (a failed comparison without bool). `keep` is the value kept by a filter. */
function apply(e: BinaryExpr, a: number, b: number, keep: number): number | undefined {
  if (!COMPARISONS.has(e.op)) return arithmetic(e.op, a, b);
  const ok = compare(e.op, a, b);
  if (e.bool) return ok ? 1 : 0;
  return ok ? keep : undefined;
}

function binary(e: BinaryExpr, l: MetricValue, r: MetricValue, points: number): MetricValue {
  if (l.kind === 'scalar' && r.kind === 'scalar') {
    return { kind: 'scalar', values: l.values.map((a, i) => (COMPARISONS.has(e.op) ? (compare(e.op, a, r.values[i]!) ? 1 : 0) : arithmetic(e.op, a, r.values[i]!))) };
  }
  if (l.kind === 'vector' && r.kind === 'scalar') {
    return { kind: 'vector', series: l.series.map((s) => ({ metric: s.metric, values: s.values.map((a, i) => (a === undefined ? undefined : apply(e, a, r.values[i]!, a))) })) };
  }
  if (l.kind === 'scalar' && r.kind === 'vector') {
    return { kind: 'vector', series: r.series.map((s) => ({ metric: s.metric, values: s.values.map((b, i) => (b === undefined ? undefined : apply(e, l.values[i]!, b, b))) })) };
  }
  const right = new Map((r as { series: StepSeries[] }).series.map((s) => [labelKey(s.metric), s]));
  const out: StepSeries[] = [];
  for (const s of (l as { series: StepSeries[] }).series) {
    const match = right.get(labelKey(s.metric));
    if (!match) continue;
    const values = Array.from({ length: points }, (_, i) => {
      const a = s.values[i];
      const b = match.values[i];
      return a === undefined || b === undefined ? undefined : apply(e, a, b, a);
    });
    out.push({ metric: s.metric, values });
  }
  return { kind: 'vector', series: out };
}

function reduce(op: AggregateExpr['op'], xs: number[]): number {
  const sum = xs.reduce((a, b) => a + b, 0);
  const mean = sum / xs.length;
  switch (op) {
    case 'sum':
      return sum;
    case 'avg':
      return mean;
    case 'min':
      return Math.min(...xs);
    case 'max':
      return Math.max(...xs);
    case 'count':
      return xs.length;
    case 'stdvar':
      return xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length;
    case 'stddev':
      return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
    default:
      throw new Error(`unreachable: ${op}`);
  }
}

function aggregate(e: AggregateExpr, input: StepSeries[], points: number): StepSeries[] {
  const groups = new Map<string, { metric: Record<string, string>; members: StepSeries[] }>();
  for (const s of input) {
    const metric = groupLabels(s.metric, e.grouping);
    const key = labelKey(metric);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { metric, members: [] }));
    g.members.push(s);
  }
  const out: StepSeries[] = [];
  for (const g of groups.values()) {
    if (e.op === 'topk' || e.op === 'bottomk') {
      // Each member keeps its own labels and only the steps where it ranks within k of its group.
      const kept = g.members.map((s) => ({ metric: s.metric, values: new Array<number | undefined>(points).fill(undefined) }));
      for (let i = 0; i < points; i++) {
        const ranked = g.members.map((s, j) => ({ v: s.values[i], j })).filter((x): x is { v: number; j: number } => x.v !== undefined);
        ranked.sort((a, b) => (e.op === 'topk' ? b.v - a.v : a.v - b.v));
        for (const { v, j } of ranked.slice(0, e.param ?? 1)) kept[j]!.values[i] = v;
      }
      out.push(...kept.filter((s) => s.values.some((v) => v !== undefined)));
      continue;
    }
    const values = Array.from({ length: points }, (_, i) => {
      const xs = g.members.map((s) => s.values[i]).filter((v): v is number => v !== undefined);
      return xs.length === 0 ? undefined : reduce(e.op, xs);
    });
    if (values.some((v) => v !== undefined)) out.push({ metric: g.metric, values });
  }
  return out;
}

export async function evaluateMetric(expr: MetricExpr, points: number, load: RangeLoader): Promise<MetricValue> {
  switch (expr.kind) {
    case 'literal':
      return expr.vector ? { kind: 'vector', series: [{ metric: {}, values: new Array<number>(points).fill(expr.value) }] } : { kind: 'scalar', values: new Array<number>(points).fill(expr.value) };
    case 'range':
      return { kind: 'vector', series: await load(expr, null) };
    case 'aggregate': {
      const inner = expr.inner;
      if (expr.op === 'sum' && inner.kind === 'range' && ADDITIVE.has(inner.fn)) {
        return { kind: 'vector', series: await load(inner, expr.grouping ?? { without: false, labels: [] }) };
      }
      const value = await evaluateMetric(inner, points, load);
      if (value.kind === 'scalar') throw new LogqlError(`${expr.op} needs a vector, not a scalar`, 0);
      return { kind: 'vector', series: aggregate(expr, value.series, points) };
    }
    case 'binary': {
      const [l, r] = await Promise.all([evaluateMetric(expr.left, points, load), evaluateMetric(expr.right, points, load)]);
      const out = binary(expr, l, r, points);
      if (out.kind === 'vector') out.series = out.series.filter((s) => s.values.some((v) => v !== undefined));
      return out;
    }
  }
}

/** Loki's sample text: Go's FormatFloat(f, 'f', -1, 64) for finite values, NaN, +Inf, -Inf. */
export function formatSample(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return Math.abs(value) >= 1e21 ? BigInt(Math.round(value)).toString() : String(value);
}
