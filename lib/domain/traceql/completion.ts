// Completion for the TraceQL editor: from the text before the cursor, what may come next and which part of
// the text a suggestion replaces. Pure; the names and values it offers are passed in (the search page reads
// them from the Tempo tag APIs). Contexts, by the last complete token before the word being typed:
//   nothing                      → `{ `
//   `{` `&&` `||` `(`            → a field: intrinsics, `span.x`, `resource.x`, `.x` (after `span.` only span
//                                  names, after `resource.` only resource names, after `.` both)
//   a field                      → a comparison operator
//   an operator                  → a value of the field before it (strings quoted; also inside an open quote)
//   a value or `)`               → `&&`, `||`, `}`
//   `}`                          → `&&`, `||`, `>>`, `>` between spansets
// Text that does not tokenize (a typo earlier in the query) gets no suggestions rather than wrong ones.
import { quoteString } from './build-query';
import { tokenize } from './tokenize';
import type { Token } from './tokens';

export type CompletionKind = 'field' | 'operator' | 'value' | 'connector';

export interface CompletionSources {
  intrinsics: readonly string[];
  spanTags: readonly string[];
  resourceTags: readonly string[];
  /** Known values of a field (`resource.service.name`, `.http.route`, `status`…), or undefined if not loaded. */
  valuesOf: (field: string) => readonly CompletionValue[] | undefined;
}

export interface CompletionValue {
  value: string;
  /** Tempo's value type: string values are quoted when inserted; int, float, bool and keyword are not. */
  type: string;
}

export interface Suggestion {
  /** What the list shows (raw text, rendered as text). */
  label: string;
  /** What replaces [from, cursor). */
  insert: string;
  detail: string;
}

export interface Completion {
  kind: CompletionKind;
  /** Offset where the replaced text starts; it ends at the cursor. */
  from: number;
  /** For value completion: the field whose values are wanted (so the caller can load them). */
  field?: string;
  suggestions: Suggestion[];
}

export const COMPARISON_OPERATORS = ['=', '!=', '>', '>=', '<', '<=', '=~', '!~'] as const;
export const MAX_SUGGESTIONS = 50;

const WORD_PART = /[A-Za-z0-9_.\-/:]/;

export function completeTraceQL(text: string, cursor: number, sources: CompletionSources): Completion | null {
  const before = text.slice(0, cursor);
  const quote = openQuote(before);
  const from = quote ?? wordStart(before);
  const word = before.slice(from);
  let tokens: Token[];
  try {
    tokens = tokenize(before.slice(0, from)).slice(0, -1);
  } catch {
    return null;
  }
  const last = tokens[tokens.length - 1];
  const previous = tokens[tokens.length - 2];
  const result = (kind: CompletionKind, all: Suggestion[], field?: string): Completion => {
    const wanted = word.toLowerCase();
    const suggestions = all.filter((s) => s.insert.toLowerCase().startsWith(wanted) && s.insert.trimEnd() !== word).slice(0, MAX_SUGGESTIONS);
    return { kind, from, suggestions, ...(field === undefined ? {} : { field }) };
  };
  if (!last) return result('connector', [{ label: '{ }', insert: '{ ', detail: 'span selector' }]);
  if (quote !== null && last.kind !== 'op') return null;
  switch (last.kind) {
    case 'lbrace':
    case 'and':
    case 'or':
    case 'lparen':
      return result('field', fieldSuggestions(word, sources));
    case 'op': {
      if (previous?.kind !== 'ident') return null;
      return result('value', valueSuggestions(sources.valuesOf(previous.value) ?? []), previous.value);
    }
    case 'ident':
      // A field awaits its operator; a bare word after an operator is a value (`status = error`).
      if (previous?.kind === 'op') return result('connector', connectors());
      if (word !== '') return null;
      return result(
        'operator',
        COMPARISON_OPERATORS.map((op) => ({ label: op, insert: `${op} `, detail: 'operator' })),
      );
    case 'string':
    case 'number':
    case 'duration':
    case 'rparen':
      return word === '' ? result('connector', connectors()) : null;
    case 'rbrace':
      return word === ''
        ? result(
            'connector',
            ['&&', '||', '>>', '>'].map((op) => ({ label: op, insert: `${op} `, detail: 'spanset operator' })),
          )
        : null;
    default:
      return null;
  }
}

/** The text after accepting a suggestion, and where the cursor goes. */
export function applySuggestion(text: string, cursor: number, completion: Completion, suggestion: Suggestion): { text: string; cursor: number } {
  const rest = text.slice(cursor);
  // Accepting a value inside a string whose closing quote is already typed replaces that quote too.
  const after = completion.kind === 'value' && suggestion.insert.startsWith('"') && rest.startsWith('"') ? rest.slice(1) : rest;
  // No second space when one follows already.
  const insert = /^\s/.test(after) ? suggestion.insert.trimEnd() : suggestion.insert;
  const next = text.slice(0, completion.from) + insert;
  return { text: next + after, cursor: next.length };
}

function fieldSuggestions(word: string, sources: CompletionSources): Suggestion[] {
  const span = sources.spanTags.map((t) => ({ label: `span.${t}`, insert: `span.${t} `, detail: 'span attribute' }));
  const resource = sources.resourceTags.map((t) => ({ label: `resource.${t}`, insert: `resource.${t} `, detail: 'resource attribute' }));
  if (word.startsWith('span.')) return span;
  if (word.startsWith('resource.')) return resource;
  if (word.startsWith('.')) {
    const names = [...new Set([...sources.spanTags, ...sources.resourceTags])].sort();
    return names.map((t) => ({ label: `.${t}`, insert: `.${t} `, detail: 'attribute (any scope)' }));
  }
  return [...sources.intrinsics.map((t) => ({ label: t, insert: `${t} `, detail: 'intrinsic' })), ...resource, ...span];
}

function valueSuggestions(values: readonly CompletionValue[]): Suggestion[] {
  return values.map(({ value, type }) => {
    const insert = type === 'string' ? quoteString(value) : value;
    return { label: insert, insert: `${insert} `, detail: type };
  });
}

function connectors(): Suggestion[] {
  return [
    { label: '&&', insert: '&& ', detail: 'and' },
    { label: '||', insert: '|| ', detail: 'or' },
    { label: '}', insert: '} ', detail: 'close the selector' },
  ];
}

function wordStart(before: string): number {
  let i = before.length;
  while (i > 0 && WORD_PART.test(before[i - 1] as string)) i--;
  return i;
}

/** Offset of the opening quote when the cursor is inside an unterminated double-quoted string, else null. */
function openQuote(before: string): number | null {
  let open: number | null = null;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (open === null) {
      if (c === '"') open = i;
      else if (c === '`') {
        const close = before.indexOf('`', i + 1);
        if (close < 0) return null;
        i = close;
      }
    } else if (c === '\\') i++;
    else if (c === '"') open = null;
  }
  return open;
}
