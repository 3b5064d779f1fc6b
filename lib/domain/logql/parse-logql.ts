// Recursive-descent parser for the LogQL subset described in logql-ast.ts. Errors carry the character
// position and, for valid-but-unsupported LogQL (metric queries, line_format, unwrap, ...), say exactly which
// part is not supported so the HTTP layer can answer 400 with that message.
import { readGoQuoted, LabelSyntaxError } from '../loki/label-string';
import {
  LogqlError,
  MAX_QUERY_LENGTH,
  type CompareOp,
  type FilterValue,
  type LabelAssignment,
  type LabelFilter,
  type LogQuery,
  type MatchOp,
  type PipelineStage,
  type StreamMatcher,
} from './logql-ast';
import { parseDurationSeconds } from './parse-duration';
import { regexCostProblem } from '../search/regex-cost';
import { parseTemplate, patternStage, regexpStage, StageSyntaxError } from './extraction-stages';

const UNSUPPORTED_STAGES = new Set(['unpack', 'decolorize', 'distinct', 'ip']);
const ERROR_LABELS = new Set(['__error__', '__error_details__']);
const METRIC_FUNCTIONS =
  /^(count_over_time|rate|bytes_over_time|bytes_rate|sum_over_time|avg_over_time|max_over_time|min_over_time|first_over_time|last_over_time|stddev_over_time|stdvar_over_time|quantile_over_time|absent_over_time|sum|avg|min|max|count|topk|bottomk|stddev|stdvar|sort|sort_desc|label_replace|vector|absent_over_time|rate_counter)\b/;

export class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(message: string, at = this.pos): never {
    throw new LogqlError(message, at);
  }

  skip(): void {
    for (;;) {
      while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
      if (this.text[this.pos] === '#') {
        while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
        continue;
      }
      return;
    }
  }

  peek(s: string): boolean {
    this.skip();
    return this.text.startsWith(s, this.pos);
  }

  eat(s: string): boolean {
    if (!this.peek(s)) return false;
    this.pos += s.length;
    return true;
  }

  expect(s: string, what: string): void {
    if (!this.eat(s)) this.fail(`expected ${what}`);
  }

  ident(what: string): string {
    this.skip();
    const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!m) this.fail(`expected ${what}`);
    this.pos += m[0].length;
    return m[0];
  }

  string(what: string): string {
    const value = this.rawString(what);
    // PostgreSQL text cannot hold NUL (a raw one, or from an escape such as \x00): refuse it here.
    if (value.includes('\0')) this.fail('NUL characters are not allowed in strings');
    return value;
  }

  private rawString(what: string): string {
    this.skip();
    const start = this.pos;
    if (this.text[start] === '`') {
      const end = this.text.indexOf('`', start + 1);
      if (end < 0) this.fail('unterminated backtick string', start);
      this.pos = end + 1;
      return this.text.slice(start + 1, end);
    }
    if (this.text[start] !== '"') this.fail(`expected ${what} as a quoted string`);
    try {
      const { value, end } = readGoQuoted(this.text, start);
      this.pos = end;
      return value;
    } catch (error) {
      if (error instanceof LabelSyntaxError) this.fail(error.message.replace(/ at position \d+$/, ''), error.position);
      throw error;
    }
  }

  /** Refuses regexes whose shape makes them expensive (regex-cost.ts). */
  checkRegex(pattern: string, at: number): void {
    const problem = regexCostProblem(pattern);
    if (problem) this.fail(`${problem.message} in the regular expression`, at);
  }

  matchOp(): MatchOp {
    for (const op of ['=~', '!~', '!=', '='] as const) if (this.eat(op)) return op;
    return this.fail('expected a matcher operator (=, !=, =~ or !~)');
  }

  selector(): StreamMatcher[] {
    this.skip();
    const m = METRIC_FUNCTIONS.exec(this.text.slice(this.pos, this.pos + 64));
    if (m) this.fail(`metric queries are not supported (found "${m[1]}"); only log queries like {app="api"} |= "error" are`);
    this.expect('{', "a stream selector starting with '{'");
    const matchers: StreamMatcher[] = [];
    if (this.peek('}')) this.fail('a stream selector needs at least one matcher, e.g. {app="api"}');
    for (;;) {
      const name = this.ident('a label name');
      const op = this.matchOp();
      const at = this.pos;
      const value = this.string('a label value');
      if (op === '=~' || op === '!~') this.checkRegex(value, at);
      matchers.push({ name, op, value });
      if (this.eat(',')) continue;
      this.expect('}', "',' or '}'");
      break;
    }
    if (!matchers.some((x) => (x.op === '=' && x.value !== '') || (x.op === '=~' && x.value !== '' && x.value !== '.*'))) {
      this.fail('the stream selector needs at least one matcher that is not empty-compatible, e.g. {app="api"} or {app=~".+"}', 0);
    }
    return matchers;
  }

  filterValue(): FilterValue {
    this.skip();
    const c = this.text[this.pos];
    if (c === '"' || c === '`') return { type: 'string', value: this.string('a value') };
    const m = /^[-+]?(\d+(\.\d+)?|\.\d+)([a-zµ]+)?([a-zµ0-9.]*)/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!m) this.fail('expected a string, number or duration');
    const start = this.pos;
    this.pos += m[0].length;
    const token = m[0];
    if (m[3] === undefined) {
      const n = Number(token);
      if (!Number.isFinite(n)) this.fail(`bad number "${token}"`, start);
      return { type: 'number', value: n };
    }
    const negative = token.startsWith('-');
    const seconds = parseDurationSeconds(token.replace(/^[-+]/, ''));
    if (seconds === null) this.fail(`bad duration "${token}" (use units ns, us, ms, s, m, h)`, start);
    return { type: 'duration', seconds: negative ? -seconds : seconds };
  }

  labelFilter(): LabelFilter {
    this.skip();
    if (this.peek('(')) this.fail('parenthesised label filters are not supported');
    const name = this.ident('a label name');
    let op: CompareOp | null = null;
    for (const candidate of ['==', '=~', '!~', '!=', '>=', '<=', '=', '>', '<'] as const) {
      if (this.eat(candidate)) {
        op = candidate === '==' ? '=' : candidate;
        break;
      }
    }
    if (!op) this.fail(`expected a comparison after "${name}" (=, !=, =~, !~, >, >=, <, <=)`);
    this.skip();
    const at = this.pos;
    const value = this.filterValue();
    if ((op === '=~' || op === '!~') && value.type !== 'string') this.fail(`${op} needs a quoted regular expression`, at);
    if ((op === '=~' || op === '!~') && value.type === 'string') this.checkRegex(value.value, at);
    if (value.type === 'string' && (op === '>' || op === '>=' || op === '<' || op === '<=')) {
      this.fail(`${op} compares numbers or durations, not strings`, at);
    }
    return { name, op, value };
  }

  stage(): PipelineStage | null {
    this.skip();
    if (this.pos >= this.text.length) return null;
    const start = this.pos;
    for (const op of ['|=', '!=', '|~', '!~'] as const) {
      if (this.eat(op)) {
        this.skip();
        const at = this.pos;
        const value = this.string('a line filter value');
        if (op === '|~' || op === '!~') this.checkRegex(value, at);
        // `|= "x" or "y"` chains.
        if (this.peek('or ')) this.fail('"or" in line filters is not supported; use a regex |~ "x|y"');
        return { kind: 'line', op, value };
      }
    }
    // `[` ends the log query inside a range aggregation: count_over_time({...} |= "x" [5m]).
    if (this.text[this.pos] === '[' || this.text[this.pos] === ')') return null;
    // `| unwrap` belongs to the range function around this query (parse-logql-expr.ts).
    if (/^\|\s*unwrap\b/.test(this.text.slice(this.pos, this.pos + 32))) return null;
    if (!this.eat('|')) this.fail('expected a pipeline stage (|=, !=, |~, !~ or | ...)');
    this.skip();
    const word = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(this.text.slice(this.pos, this.pos + 64))?.[0] ?? '';
    if (word === 'json' || word === 'logfmt') {
      this.pos += word.length;
      this.skip();
      // `| json field="expr"` parameters and `| logfmt --strict` flags.
      if (this.pos < this.text.length && !this.peek('|') && !this.peek('!=') && !this.peek('!~')) {
        this.fail(`parameters to | ${word} are not supported (use plain | ${word})`);
      }
      return { kind: 'parser', parser: word };
    }
    if (word === 'drop' || word === 'keep') {
      this.pos += word.length;
      const names: string[] = [];
      for (;;) {
        names.push(this.ident(`a label name to ${word}`));
        if (this.peek('=') || this.peek('!=') || this.peek('=~') || this.peek('!~')) this.fail(`"| ${word}" with label matchers is not supported; list label names`);
        if (!this.eat(',')) break;
      }
      // Grafana appends `| drop __error__`; this engine never sets error labels, so dropping them is a no-op.
      const kept = word === 'drop' ? names.filter((n) => !ERROR_LABELS.has(n)) : names;
      return kept.length === 0 ? { kind: 'labels', filters: [] } : { kind: word, names: kept };
    }
    if (word === 'regexp' || word === 'pattern' || word === 'line_format') {
      this.pos += word.length;
      this.skip();
      const at = this.pos;
      const text = this.string(`the ${word} text`);
      // A `| regexp` runs in the database like a line filter's regex: the same cost bound applies.
      if (word === 'regexp') this.checkRegex(text, at);
      return this.stageSyntax(at, () => (word === 'regexp' ? regexpStage(text) : word === 'pattern' ? patternStage(text) : { kind: 'line_format', template: parseTemplate(text) }));
    }
    if (word === 'label_format') {
      this.pos += word.length;
      const assignments: LabelAssignment[] = [];
      for (;;) {
        const name = this.ident('a label name');
        this.expect('=', `'=' after ${name}`);
        this.skip();
        const at = this.pos;
        if (this.text[at] === '"' || this.text[at] === '`') {
          const text = this.string('a template');
          assignments.push(this.stageSyntax(at, () => ({ name, template: parseTemplate(text) })));
        } else {
          assignments.push({ name, rename: this.ident('a label name or a quoted template') });
        }
        if (!this.eat(',')) break;
      }
      return { kind: 'label_format', assignments };
    }
    if (UNSUPPORTED_STAGES.has(word)) this.fail(`the "| ${word}" stage is not supported`, start);
    const filters = [this.labelFilter()];
    for (;;) {
      if (this.eat(',') || this.eatWord('and')) {
        filters.push(this.labelFilter());
        continue;
      }
      if (this.peekWord('or')) this.fail('"or" between label filters is not supported; use separate stages or a regex');
      break;
    }
    return { kind: 'labels', filters };
  }

  /** Runs a stage builder, turning its syntax errors into LogqlErrors at `at`. */
  stageSyntax<T>(at: number, build: () => T): T {
    try {
      return build();
    } catch (error) {
      if (error instanceof StageSyntaxError) this.fail(error.message, at);
      throw error;
    }
  }

  peekWord(w: string): boolean {
    this.skip();
    return new RegExp(`^${w}\\b`).test(this.text.slice(this.pos, this.pos + w.length + 1));
  }

  eatWord(w: string): boolean {
    if (!this.peekWord(w)) return false;
    this.pos += w.length;
    return true;
  }
}

export function logQuery(p: Parser): LogQuery {
  const matchers = p.selector();
  const pipeline: PipelineStage[] = [];
  for (let stage = p.stage(); stage; stage = p.stage()) pipeline.push(stage);
  return { matchers, pipeline };
}

export function checkLength(text: string): void {
  if (text.length > MAX_QUERY_LENGTH) throw new LogqlError(`query is longer than ${MAX_QUERY_LENGTH} characters`, MAX_QUERY_LENGTH);
}

/** A log query (lines). Metric queries are rejected with a message naming the function. */
export function parseLogql(text: string): LogQuery {
  checkLength(text);
  const p = new Parser(text);
  const query = logQuery(p);
  p.skip();
  if (p.peek('|')) p.fail('"| unwrap" is only allowed inside a range function such as sum_over_time(... | unwrap x [1m])');
  if (p.pos < text.length) p.fail(`unexpected "${text.slice(p.pos, p.pos + 10)}"`);
  return query;
}
