// Loki's label set string `{a="b", c="d\"e"}` (Prometheus text form, Go `strconv.Quote` quoting), both ways.
// The canonical form (keys sorted by UTF-16 code unit, `, ` separated, values Go-quoted) is what the stream id
// hashes, so two pushes of the same label set in any key order land in one stream.
import { setOwn } from '../model/any-value';

export class LabelSyntaxError extends Error {
  override name = 'LabelSyntaxError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
  }
}

const NAME_START = /[a-zA-Z_]/;
const NAME_CHAR = /[a-zA-Z0-9_]/;
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };

export function isValidLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}

/** Reads a Go double-quoted string starting at `start` (which must be `"`). Returns value and end index. */
export function readGoQuoted(text: string, start: number): { value: string; end: number } {
  if (text[start] !== '"') throw new LabelSyntaxError('expected a double-quoted value', start);
  let out = '';
  let i = start + 1;
  for (;;) {
    if (i >= text.length) throw new LabelSyntaxError('unterminated quoted value', start);
    const ch = text[i] as string;
    if (ch === '"') return { value: out, end: i + 1 };
    if (ch === '\n') throw new LabelSyntaxError('newline in quoted value', i);
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const esc = text[i + 1];
    if (esc === undefined) throw new LabelSyntaxError('unterminated escape', i);
    if (esc in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[esc];
      i += 2;
    } else if (esc === 'x' || esc === 'u' || esc === 'U') {
      const len = esc === 'x' ? 2 : esc === 'u' ? 4 : 8;
      const hex = text.slice(i + 2, i + 2 + len);
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw new LabelSyntaxError(`bad \\${esc} escape`, i);
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new LabelSyntaxError(`bad \\${esc} escape`, i);
      out += String.fromCodePoint(code);
      i += 2 + len;
    } else if (esc >= '0' && esc <= '7') {
      const oct = text.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct)) throw new LabelSyntaxError('bad octal escape', i);
      out += String.fromCharCode(parseInt(oct, 8));
      i += 4;
    } else {
      throw new LabelSyntaxError(`unknown escape \\${esc}`, i);
    }
  }
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

/** Parses `{a="b", c="d"}`. Duplicate names, bad names and trailing text are errors. */
export function parseLabelString(text: string): Record<string, string> {
  const labels: Record<string, string> = Object.create(null) as Record<string, string>;
  let i = skipSpaces(text, 0);
  if (text[i] !== '{') throw new LabelSyntaxError("expected '{'", i);
  i = skipSpaces(text, i + 1);
  if (text[i] === '}') {
    if (skipSpaces(text, i + 1) !== text.length) throw new LabelSyntaxError("unexpected text after '}'", i + 1);
    return { ...labels };
  }
  for (;;) {
    const nameStart = i;
    if (!NAME_START.test(text[i] ?? '')) throw new LabelSyntaxError('expected a label name', i);
    while (i < text.length && NAME_CHAR.test(text[i] as string)) i++;
    const name = text.slice(nameStart, i);
    i = skipSpaces(text, i);
    if (text[i] !== '=') throw new LabelSyntaxError(`expected '=' after label name "${name}"`, i);
    i = skipSpaces(text, i + 1);
    const { value, end } = readGoQuoted(text, i);
    if (Object.prototype.hasOwnProperty.call(labels, name)) throw new LabelSyntaxError(`duplicate label name "${name}"`, nameStart);
    setOwn(labels, name, value);
    i = skipSpaces(text, end);
    if (text[i] === ',') {
      i = skipSpaces(text, i + 1);
      // Prometheus allows a trailing comma.
      if (text[i] === '}') break;
      continue;
    }
    if (text[i] === '}') break;
    throw new LabelSyntaxError("expected ',' or '}'", i);
  }
  if (skipSpaces(text, i + 1) !== text.length) throw new LabelSyntaxError("unexpected text after '}'", i + 1);
  return { ...labels };
}

/** Go `strconv.Quote` for the characters that matter in label values. */
const NEEDS_ESCAPE = /["\\\x00-\x1f\x7f]/;

export function goQuote(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Canonical label string: keys sorted by code unit. The stream id is a hash of exactly this text. */
export function formatLabelString(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return `{${keys.map((k) => `${k}=${goQuote(labels[k] as string)}`).join(', ')}}`;
}
