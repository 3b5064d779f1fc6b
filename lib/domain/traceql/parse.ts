// Recursive-descent parser for the TraceQL subset (see docs in the search API). Pure.
//
//   query      := spanset EOF
//   spanset    := spansetAnd ('||' spansetAnd)*
//   spansetAnd := structural ('&&' structural)*
//   structural := primary (('>>' | '>') primary)*          left-associative
//   primary    := '{' field? '}' | '(' spanset ')'
//   field      := fieldAnd ('||' fieldAnd)*
//   fieldAnd   := fieldAtom ('&&' fieldAtom)*
//   fieldAtom  := '(' field ')' | path operator value
//
// Every error is a TraceQLError with the offset of the offending token. Depth, selector and comparison counts
// are capped (limits.ts) so the compiled SQL stays bounded whatever the input.
import { FINDING_TYPES, isFindingType } from '../analysis/finding';
import { SpanKind, StatusCode } from '../model/span';
import type { Comparison, Field, FieldExpr, Intrinsic, SpansetExpr, Value } from './ast';
import { MAX_CONDITIONS, MAX_NESTING_DEPTH, MAX_SELECTORS } from './limits';
import { tokenize } from './tokenize';
import { TraceQLError } from './traceql-error';
import { describeToken, type Operator, type Token, type TokenKind } from './tokens';
import { regexCostProblem } from '../search/regex-cost';

const INTRINSICS: readonly Intrinsic[] = ['name', 'status', 'kind', 'duration', 'traceDuration', 'rootServiceName', 'rootName', 'trace:finding', 'trace:cause', 'trace:causeService'];
const STATUS_VALUES: Record<string, StatusCode> = { error: StatusCode.ERROR, ok: StatusCode.OK, unset: StatusCode.UNSET };
const KIND_VALUES: Record<string, SpanKind> = {
  unspecified: SpanKind.UNSPECIFIED,
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};
const EQUALITY: readonly Operator[] = ['=', '!='];
const REGEX: readonly Operator[] = ['=~', '!~'];

export function parseTraceQL(input: string): SpansetExpr {
  return new Parser(tokenize(input)).parseQuery();
}

class Parser {
  private index = 0;
  private depth = 0;
  private selectors = 0;
  private conditions = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseQuery(): SpansetExpr {
    const first = this.peek();
    if (first.kind === 'eof') throw TraceQLError.expected("a span selector such as '{ status = error }'", first.pos);
    const expr = this.spanset();
    const rest = this.peek();
    if (rest.kind !== 'eof') throw TraceQLError.expected("'&&', '||', '>>', '>' or end of query", rest.pos, describeToken(rest));
    return expr;
  }

  private spanset(): SpansetExpr {
    let left = this.spansetAnd();
    while (this.peek().kind === 'or') {
      const pos = this.next().pos;
      left = { type: 'spanset-or', left, right: this.spansetAnd(), pos };
    }
    return left;
  }

  private spansetAnd(): SpansetExpr {
    let left = this.structural();
    while (this.peek().kind === 'and') {
      const pos = this.next().pos;
      left = { type: 'spanset-and', left, right: this.structural(), pos };
    }
    return left;
  }

  private structural(): SpansetExpr {
    let parent = this.primary();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'descendant') {
        this.next();
        parent = { type: 'descendant', parent, child: this.primary(), pos: t.pos };
      } else if (t.kind === 'op' && t.op === '>') {
        this.next();
        parent = { type: 'child', parent, child: this.primary(), pos: t.pos };
      } else {
        return parent;
      }
    }
  }

  private primary(): SpansetExpr {
    const t = this.peek();
    if (t.kind === 'lparen') {
      this.enter(t);
      const inner = this.spanset();
      this.expect('rparen', "')'");
      this.depth--;
      return inner;
    }
    if (t.kind !== 'lbrace') throw TraceQLError.expected("'{' to start a span selector", t.pos, describeToken(t));
    this.enter(t);
    if (++this.selectors > MAX_SELECTORS) throw new TraceQLError(`too many span selectors (the limit is ${MAX_SELECTORS})`, t.pos);
    const condition = this.peek().kind === 'rbrace' ? null : this.field();
    this.expect('rbrace', "'}', '&&' or '||'");
    this.depth--;
    return { type: 'selector', condition, pos: t.pos };
  }

  private field(): FieldExpr {
    let left = this.fieldAnd();
    while (this.peek().kind === 'or') {
      const pos = this.next().pos;
      left = { type: 'or', left, right: this.fieldAnd(), pos };
    }
    return left;
  }

  private fieldAnd(): FieldExpr {
    let left = this.fieldAtom();
    while (this.peek().kind === 'and') {
      const pos = this.next().pos;
      left = { type: 'and', left, right: this.fieldAtom(), pos };
    }
    return left;
  }

  private fieldAtom(): FieldExpr {
    const t = this.peek();
    if (t.kind === 'lparen') {
      this.enter(t);
      const inner = this.field();
      this.expect('rparen', "')'");
      this.depth--;
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Comparison {
    const t = this.next();
    if (t.kind !== 'ident') {
      throw TraceQLError.expected('a field such as status, duration, name, span.http.route or resource.service.name', t.pos, describeToken(t));
    }
    if (++this.conditions > MAX_CONDITIONS) throw new TraceQLError(`too many conditions (the limit is ${MAX_CONDITIONS})`, t.pos);
    const field = parseField(t.value, t.pos);
    const opToken = this.next();
    if (opToken.kind !== 'op') throw TraceQLError.expected('an operator (= != > >= < <= =~ !~)', opToken.pos, describeToken(opToken));
    const valueToken = this.next();
    const value = checkValue(field, opToken.op, opToken.pos, valueToken);
    if (REGEX.includes(opToken.op) && value.type === 'string') {
      const problem = regexCostProblem(value.value);
      if (problem) throw new TraceQLError(`${problem.message} in the regular expression`, valueToken.pos);
    }
    return { type: 'comparison', field, op: opToken.op, value, pos: t.pos };
  }

  private enter(t: Token): void {
    this.next();
    if (++this.depth > MAX_NESTING_DEPTH) throw new TraceQLError(`nesting is too deep (the limit is ${MAX_NESTING_DEPTH})`, t.pos);
  }

  private expect(kind: TokenKind, what: string): Token {
    const t = this.next();
    if (t.kind !== kind) throw TraceQLError.expected(what, t.pos, describeToken(t));
    return t;
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const t = this.tokens[this.index] as Token;
    if (t.kind !== 'eof') this.index++;
    return t;
  }
}

function parseField(path: string, pos: number): Field {
  if ((INTRINSICS as readonly string[]).includes(path)) return { kind: 'intrinsic', name: path as Intrinsic };
  if (path === 'resource.service.name' || path === '.service.name') return { kind: 'service' };
  const scoped = /^(span|resource)\.(.+)$/.exec(path);
  if (scoped) return { kind: 'attribute', scope: scoped[1] as 'span' | 'resource', key: scoped[2] as string };
  if (path.startsWith('.') && path.length > 1) return { kind: 'attribute', scope: 'any', key: path.slice(1) };
  throw TraceQLError.expected(`a field (${INTRINSICS.join(', ')}, span.<attribute>, resource.<attribute> or .<attribute>)`, pos, `'${path}'`);
}

function checkValue(field: Field, op: Operator, opPos: number, t: Token): Value {
  const found = describeToken(t);
  const requireOps = (allowed: readonly Operator[], what: string) => {
    if (!allowed.includes(op)) throw TraceQLError.expected(`${what} to be compared with ${allowed.join(' or ')}`, opPos, `'${op}'`);
  };
  if (field.kind === 'intrinsic' && field.name === 'status') {
    requireOps(EQUALITY, 'status');
    const code = t.kind === 'ident' ? STATUS_VALUES[t.value] : undefined;
    if (code === undefined) throw TraceQLError.expected('a status (error, ok, unset)', t.pos, found);
    return { type: 'status', code };
  }
  if (field.kind === 'intrinsic' && field.name === 'kind') {
    requireOps(EQUALITY, 'kind');
    const code = t.kind === 'ident' ? KIND_VALUES[t.value] : undefined;
    if (code === undefined) throw TraceQLError.expected(`a span kind (${Object.keys(KIND_VALUES).join(', ')})`, t.pos, found);
    return { type: 'kind', code };
  }
  if (field.kind === 'intrinsic' && (field.name === 'duration' || field.name === 'traceDuration')) {
    if (REGEX.includes(op)) throw TraceQLError.expected(`a comparison operator for ${field.name} (= != > >= < <=)`, opPos, `'${op}'`);
    if (t.kind !== 'duration') throw TraceQLError.expected('a duration such as 100ms or 1.5s', t.pos, found);
    return { type: 'duration', ns: t.ns };
  }
  if (REGEX.includes(op)) {
    if (t.kind !== 'string') throw TraceQLError.expected('a quoted regular expression', t.pos, found);
    try {
      new RegExp(t.value);
    } catch {
      throw TraceQLError.expected('a valid regular expression', t.pos);
    }
    return { type: 'string', value: t.value };
  }
  if (field.kind === 'intrinsic' && (field.name === 'trace:finding' || field.name === 'trace:cause') && EQUALITY.includes(op)) {
    // A misspelt finding type would silently match nothing: name the valid ones instead.
    if (t.kind !== 'string' || !isFindingType(t.value)) throw TraceQLError.expected(`a quoted finding type (${FINDING_TYPES.join(', ')})`, t.pos, found);
    return { type: 'string', value: t.value };
  }
  const stringOnly =
    field.kind === 'service' || (field.kind === 'intrinsic' && (field.name === 'name' || field.name === 'rootServiceName' || field.name === 'rootName' || field.name.startsWith('trace:')));
  if (t.kind === 'string') return { type: 'string', value: t.value };
  if (stringOnly) throw TraceQLError.expected('a quoted string', t.pos, found);
  if (t.kind === 'number') return { type: 'number', text: t.text };
  if (t.kind === 'duration') return { type: 'number', text: t.ns.toString() };
  if (t.kind === 'ident' && (t.value === 'true' || t.value === 'false')) {
    requireOps(EQUALITY, 'a boolean');
    return { type: 'bool', value: t.value === 'true' };
  }
  throw TraceQLError.expected('a value (a quoted string, a number, true or false)', t.pos, found);
}
