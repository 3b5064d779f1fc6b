// Tokenizer for the TraceQL subset. Pure; rejects anything outside the grammar's alphabet with a positioned
// error, so SQL-looking input (`;`, `--`, `/*`, quotes in odd places) never gets past this stage as text.
import { MAX_DURATION_NS, MAX_QUERY_LENGTH } from './limits';
import { durationToNs } from './parse-duration';
import { TraceQLError } from './traceql-error';
import type { Token } from './tokens';

// Longest first, so `>>` wins over `>` and `>=` over `>`.
const PUNCTUATION: ReadonlyArray<readonly [string, (pos: number) => Token]> = [
  ['>>', (pos) => ({ kind: 'descendant', pos })],
  ['&&', (pos) => ({ kind: 'and', pos })],
  ['||', (pos) => ({ kind: 'or', pos })],
  ...(['>=', '<=', '!=', '=~', '!~', '>', '<', '='] as const).map((op) => [op, (pos: number): Token => ({ kind: 'op', op, pos })] as const),
  ['{', (pos) => ({ kind: 'lbrace', pos })],
  ['}', (pos) => ({ kind: 'rbrace', pos })],
  ['(', (pos) => ({ kind: 'lparen', pos })],
  [')', (pos) => ({ kind: 'rparen', pos })],
];

const IDENT_START = /[A-Za-z_.]/;
const IDENT_PART = /[A-Za-z0-9_.\-/:]/;
const DIGIT = /[0-9]/;
const UNIT = /[a-zµ]/;

export function tokenize(input: string): Token[] {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new TraceQLError(`query is too long (${input.length} characters; the limit is ${MAX_QUERY_LENGTH})`, MAX_QUERY_LENGTH);
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const pos = i;
    const punct = PUNCTUATION.find(([text]) => input.startsWith(text, i));
    if (punct) {
      tokens.push(punct[1](pos));
      i += punct[0].length;
    } else if (c === '"' || c === '`') i = readString(input, i, tokens);
    else if (DIGIT.test(c) || (c === '-' && DIGIT.test(input[i + 1] ?? ''))) i = readNumber(input, i, tokens);
    else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < input.length && IDENT_PART.test(input[j] as string)) j++;
      tokens.push({ kind: 'ident', value: input.slice(i, j), pos });
      i = j;
    } else if (c === '&' || c === '|') {
      throw TraceQLError.expected(`'${c}${c}'`, pos);
    } else if (c === '!') {
      throw TraceQLError.expected("'!=' or '!~'", pos);
    } else {
      throw new TraceQLError(`unexpected character '${printable(c)}'`, pos);
    }
  }
  tokens.push({ kind: 'eof', pos: input.length });
  return tokens;
}

function printable(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : c;
}

/** Double-quoted strings take \" \\ \n \t escapes; backquoted strings are raw (handy for regexes). */
function readString(input: string, start: number, tokens: Token[]): number {
  const quote = input[start];
  let value = '';
  let i = start + 1;
  while (i < input.length) {
    const c = input[i] as string;
    if (c === quote) {
      tokens.push({ kind: 'string', value, pos: start });
      return i + 1;
    }
    if (c === '\\' && quote === '"') {
      const next = input[i + 1];
      if (next === '"' || next === '\\') value += next;
      else if (next === 'n') value += '\n';
      else if (next === 't') value += '\t';
      else throw TraceQLError.expected('an escape (\\" \\\\ \\n \\t)', i);
      i += 2;
      continue;
    }
    // PostgreSQL text cannot hold NUL: refuse it here rather than fail inside the query.
    if (c === '\0') throw new TraceQLError('NUL characters are not allowed in strings', i);
    value += c;
    i++;
  }
  throw TraceQLError.expected(`closing ${quote} for the string that starts at position ${start}`, input.length);
}

function readNumber(input: string, start: number, tokens: Token[]): number {
  let i = start + (input[start] === '-' ? 1 : 0);
  while (i < input.length && DIGIT.test(input[i] as string)) i++;
  if (input[i] === '.' && DIGIT.test(input[i + 1] ?? '')) {
    i++;
    while (i < input.length && DIGIT.test(input[i] as string)) i++;
  }
  const text = input.slice(start, i);
  let j = i;
  while (j < input.length && UNIT.test(input[j] as string)) j++;
  if (j === i) {
    if (i < input.length && IDENT_PART.test(input[i] as string)) throw TraceQLError.expected('a number or a duration such as 100ms', start);
    tokens.push({ kind: 'number', text, pos: start });
    return i;
  }
  const unit = input.slice(i, j);
  const ns = text.startsWith('-') ? null : durationToNs(text, unit);
  if (ns === null) throw TraceQLError.expected('a duration unit (ns, us, ms, s, m, h) on a non-negative whole number of nanoseconds', i);
  if (ns > MAX_DURATION_NS) throw new TraceQLError(`duration ${text}${unit} is out of range (at most ${MAX_DURATION_NS / 3_600_000_000_000n}h)`, start);
  tokens.push({ kind: 'duration', ns, text: text + unit, pos: start });
  return j;
}
