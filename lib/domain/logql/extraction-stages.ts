// The text-shaping LogQL stages, turned into forms SQL can evaluate:
//   | regexp "re"       named groups (?P<name>…) / (?<name>…) become numbered groups; names[i] names group i+1
//   | pattern "<a> <_>"  Loki's pattern syntax as an anchored regex: literal text, <name> captures, <_> skips
//   templates "{{.a}}-{{ .b }}"  (line_format, label_format) as literal and field parts; other Go template
//                       syntax (functions, pipelines, conditionals) is refused by name
// Regexes go to PostgreSQL's ARE engine, whose syntax for these constructs matches RE2's.
export interface ExtractStage {
  kind: 'extract';
  regex: string;
  /** Name of each capture group in order (null: unnamed, not extracted). */
  names: (string | null)[];
}

export type TemplatePart = { text: string } | { field: string };

export class StageSyntaxError extends Error {
  override name = 'StageSyntaxError';
}

const NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function regexpStage(re: string): ExtractStage {
  const names: (string | null)[] = [];
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\') {
      out += c + (re[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '[') {
      // A bracket expression: copy through its closing ']' (a ']' first in the set is literal).
      let j = i + 1;
      if (re[j] === '^') j++;
      if (re[j] === ']') j++;
      while (j < re.length && re[j] !== ']') j += re[j] === '\\' ? 2 : 1;
      out += re.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === '(') {
      const named = /^\(\?P?<([a-zA-Z_][a-zA-Z0-9_]*)>/.exec(re.slice(i, i + 80));
      if (named) {
        names.push(named[1]!);
        out += '(';
        i += named[0].length - 1;
        continue;
      }
      if (re[i + 1] !== '?') names.push(null);
    }
    out += c;
  }
  if (!names.some((n) => n !== null)) throw new StageSyntaxError('| regexp needs at least one named group, e.g. (?P<status>\\d+)');
  return { kind: 'extract', regex: out, names };
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

export function patternStage(pattern: string): ExtractStage {
  const names: (string | null)[] = [];
  let regex = '^';
  const token = /<(_|[a-zA-Z_][a-zA-Z0-9_]*)>/g;
  let last = 0;
  let previousWasCapture = false;
  for (const m of pattern.matchAll(token)) {
    const literal = pattern.slice(last, m.index);
    if (literal === '' && previousWasCapture) throw new StageSyntaxError('| pattern: two captures need literal text between them');
    regex += literal.replace(REGEX_SPECIAL, '\\$&');
    const atEnd = m.index + m[0].length === pattern.length;
    // The last capture takes the rest of the line; the others stop at the next literal text. The `$` matters:
    // PostgreSQL makes a whole regex non-greedy when its first quantifier is, so a trailing (.*) alone would
    // match the empty string.
    regex += m[1] === '_' ? (atEnd ? '.*' : '.*?') : atEnd ? '(.*)$' : '(.*?)';
    if (m[1] !== '_') names.push(m[1]!);
    last = m.index + m[0].length;
    previousWasCapture = true;
  }
  if (names.length === 0) throw new StageSyntaxError('| pattern needs at least one named capture such as <status>');
  regex += pattern.slice(last).replace(REGEX_SPECIAL, '\\$&');
  return { kind: 'extract', regex, names };
}

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{\{-?\s*(.*?)\s*-?\}\}/g)) {
    if (m.index > last) parts.push({ text: template.slice(last, m.index) });
    const inner = m[1]!;
    const field = /^\.([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(inner);
    if (!field) throw new StageSyntaxError(`template action "{{${inner.slice(0, 40)}}}" is not supported; only {{.field}} is`);
    parts.push({ field: field[1]! });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

export function isLabelName(text: string): boolean {
  return NAME.test(text);
}
