// LogQL expressions: a log query, or a metric expression (Prometheus-style precedence, lowest first):
//   comparisons (== != > < >= <=, optional `bool`)  →  + -  →  * / %  →  ^ (right-associative)
//   primaries: numbers (scalars), vector(n), (expr), aggregations and range functions:
//     sum|avg|min|max|count|stddev|stdvar [by|without (labels)] (expr) [by|without (labels)]
//     topk|bottomk(k, expr)
//     count_over_time|rate|bytes_over_time|bytes_rate(<log query> [range])
//     sum|avg|min|max|stddev|stdvar_over_time(<log query> | unwrap [duration(]field[)] [range]) [by|without (...)]
//     quantile_over_time(φ, <log query> | unwrap field [range]) [by|without (...)]
// Vector matching modifiers (on, ignoring, group_left) and set operators (and, or, unless) are refused by name.
import {
  LINE_RANGE_FUNCTIONS,
  type AggregateOp,
  type ArithmeticOp,
  type ComparisonOp,
  type Grouping,
  type LogqlExpr,
  type MetricExpr,
  type PipelineStage,
  type RangeFunction,
  type Unwrap,
} from './logql-ast';
import { checkLength, logQuery, parseLogql, Parser } from './parse-logql';
import { parseDurationSeconds } from './parse-duration';

const AGGREGATE_OPS = new Set<AggregateOp>(['sum', 'avg', 'min', 'max', 'count', 'stddev', 'stdvar', 'topk', 'bottomk']);
const RANGE_FUNCTIONS = new Set<RangeFunction>([
  'count_over_time',
  'rate',
  'bytes_over_time',
  'bytes_rate',
  'sum_over_time',
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'quantile_over_time',
  'stddev_over_time',
  'stdvar_over_time',
]);
const UNSUPPORTED_FUNCTIONS = /^(first_over_time|last_over_time|absent_over_time|rate_counter|sort|sort_desc|label_replace|sqrt|abs|ceil|floor|round|clamp\w*)\b/;

function grouping(p: Parser): Grouping | null {
  const without = p.eatWord('without');
  if (!without && !p.eatWord('by')) return null;
  p.expect('(', `'(' after ${without ? 'without' : 'by'}`);
  const labels: string[] = [];
  if (!p.eat(')')) {
    for (;;) {
      labels.push(p.ident('a label name'));
      if (p.eat(',')) continue;
      p.expect(')', "',' or ')'");
      break;
    }
  }
  return { without, labels };
}

function number(p: Parser, what: string): number {
  p.skip();
  const m = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?/i.exec(p.text.slice(p.pos, p.pos + 64));
  if (!m) p.fail(`expected ${what}`);
  p.pos += m[0].length;
  return Number(m[0]);
}

/** Longest range of a range function: ranges become int8 nanoseconds in SQL. */
const MAX_RANGE_SECONDS = 366 * 86_400;

function range(p: Parser): number {
  p.expect('[', 'a range like [5m]');
  p.skip();
  const at = p.pos;
  const end = p.text.indexOf(']', at);
  if (end < 0) p.fail("expected ']'", at);
  const seconds = parseDurationSeconds(p.text.slice(at, end).trim());
  if (seconds === null || seconds <= 0) p.fail(`bad range "${p.text.slice(at, end)}" (use a duration like 1m)`, at);
  if (seconds > MAX_RANGE_SECONDS) p.fail(`range "${p.text.slice(at, end)}" is too long (at most 366d)`, at);
  p.pos = end + 1;
  return seconds;
}

function unwrap(p: Parser): { unwrap: Unwrap; after: PipelineStage[] } | null {
  if (!p.peek('|')) return null;
  const save = p.pos;
  p.eat('|');
  if (!p.eatWord('unwrap')) {
    p.pos = save;
    return null;
  }
  let conversion: Unwrap['conversion'] = 'number';
  let field: string;
  const at = p.pos;
  const word = p.ident('a field name to unwrap');
  if (p.eat('(')) {
    if (word === 'duration' || word === 'duration_seconds') conversion = 'duration';
    else p.fail(`"unwrap ${word}(...)" is not supported; use a plain field or duration(field)`, at);
    field = p.ident('a field name');
    p.expect(')', "')'");
  } else {
    field = word;
  }
  // Label filters after unwrap (typically `| __error__=""`) still filter lines.
  const after: PipelineStage[] = [];
  for (let stage = p.stage(); stage; stage = p.stage()) after.push(stage);
  return { unwrap: { field, conversion }, after };
}

function rangeFunction(p: Parser, fn: RangeFunction, at: number): MetricExpr {
  p.expect('(', `'(' after ${fn}`);
  const paramAt = p.pos;
  const param = fn === 'quantile_over_time' ? number(p, 'the quantile (0 to 1)') : null;
  if (param !== null && (param < 0 || param > 1)) p.fail('the quantile must be between 0 and 1', paramAt);
  if (param !== null) p.expect(',', "',' after the quantile");
  const query = logQuery(p);
  const unwrapped = unwrap(p);
  if (unwrapped) query.pipeline.push(...unwrapped.after);
  if (LINE_RANGE_FUNCTIONS.has(fn) && unwrapped) p.fail(`${fn} counts lines; "| unwrap" needs a function like sum_over_time`, at);
  if (!LINE_RANGE_FUNCTIONS.has(fn) && !unwrapped) p.fail(`${fn} needs "| unwrap <field>" before the range`, at);
  const rangeSeconds = range(p);
  p.expect(')', `')' closing ${fn}`);
  const g = grouping(p);
  if (g && LINE_RANGE_FUNCTIONS.has(fn)) p.fail(`${fn} takes no grouping; wrap it in sum by (...)`, at);
  return { kind: 'range', fn, query, rangeSeconds, unwrap: unwrapped?.unwrap ?? null, param, grouping: g };
}

function aggregate(p: Parser, op: AggregateOp): MetricExpr {
  let g = grouping(p);
  p.expect('(', `'(' after ${op}`);
  let param: number | null = null;
  if (op === 'topk' || op === 'bottomk') {
    const at = p.pos;
    param = number(p, `k, the number of series ${op} keeps`);
    if (!Number.isInteger(param) || param < 1) p.fail(`${op} needs a whole number k ≥ 1`, at);
    p.expect(',', "',' after k");
  }
  const inner = expression(p);
  p.expect(')', `')' closing ${op}`);
  g ??= grouping(p);
  return { kind: 'aggregate', op, grouping: g, param, inner };
}

function primary(p: Parser): MetricExpr {
  p.skip();
  const at = p.pos;
  if (p.eat('(')) {
    const inner = expression(p);
    p.expect(')', "')'");
    return inner;
  }
  if (/^[-+]?(\d|\.\d)/.test(p.text.slice(p.pos, p.pos + 3))) return { kind: 'literal', value: number(p, 'a number'), vector: false };
  if (p.text[p.pos] === '{') p.fail('a log query cannot be used as a metric; wrap it in a range function like count_over_time({...}[1m])');
  const unsupported = UNSUPPORTED_FUNCTIONS.exec(p.text.slice(p.pos, p.pos + 32));
  if (unsupported) p.fail(`the function "${unsupported[1]}" is not supported`);
  const name = p.ident('a number, vector(...), an aggregation or a range function');
  if (name === 'vector') {
    p.expect('(', "'(' after vector");
    const value = number(p, 'a number');
    p.expect(')', "')' closing vector");
    return { kind: 'literal', value, vector: true };
  }
  if (AGGREGATE_OPS.has(name as AggregateOp)) return aggregate(p, name as AggregateOp);
  if (RANGE_FUNCTIONS.has(name as RangeFunction)) return rangeFunction(p, name as RangeFunction, at);
  return p.fail(`unknown function "${name}"`, at);
}

function unary(p: Parser): MetricExpr {
  // `-count_over_time(...)` = 0 - x; a signed number literal is read by primary.
  if (p.peek('-') && !/^-\s*[\d.]/.test(p.text.slice(p.pos, p.pos + 3))) {
    p.eat('-');
    return { kind: 'binary', op: '-', bool: false, left: { kind: 'literal', value: 0, vector: false }, right: unary(p) };
  }
  return primary(p);
}

function power(p: Parser): MetricExpr {
  const left = unary(p);
  if (p.eat('^')) return { kind: 'binary', op: '^', bool: false, left, right: power(p) };
  return left;
}

function modifiers(p: Parser): void {
  for (const word of ['on', 'ignoring', 'group_left', 'group_right']) {
    if (p.peekWord(word)) p.fail(`vector matching with "${word}" is not supported; both sides must have the same labels`);
  }
}

function chain(p: Parser, next: (p: Parser) => MetricExpr, ops: readonly (ArithmeticOp | ComparisonOp)[]): MetricExpr {
  let left = next(p);
  for (;;) {
    p.skip();
    const op = ops.find((o) => p.text.startsWith(o, p.pos));
    if (!op) return left;
    p.pos += op.length;
    const bool = p.eatWord('bool');
    modifiers(p);
    left = { kind: 'binary', op, bool, left, right: next(p) };
  }
}

function multiplicative(p: Parser): MetricExpr {
  return chain(p, power, ['*', '/', '%']);
}

function additive(p: Parser): MetricExpr {
  return chain(p, multiplicative, ['+', '-']);
}

function expression(p: Parser): MetricExpr {
  const e = chain(p, additive, ['==', '!=', '>=', '<=', '>', '<']);
  for (const word of ['and', 'or', 'unless']) {
    if (p.peekWord(word)) p.fail(`the set operator "${word}" is not supported`);
  }
  return e;
}

/** A log query, or a metric expression (see the header). */
export function parseLogqlExpr(text: string): LogqlExpr {
  checkLength(text);
  const p = new Parser(text);
  p.skip();
  if (p.text[p.pos] === '{') return { kind: 'log', query: parseLogql(text) };
  const expr = expression(p);
  p.skip();
  if (p.pos < text.length) p.fail(`unexpected "${text.slice(p.pos, p.pos + 10)}"`);
  return { kind: 'metric', expr };
}
