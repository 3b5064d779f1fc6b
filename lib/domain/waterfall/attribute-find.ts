// Find-in-trace over span attributes, shared by the worker (traces opened from a file, whose attributes it
// holds) and the server (stored traces: the page no longer downloads every span's attributes, issue 22).
// One attribute is searched as the lower-case text `key=value` (value flattened by anyValueToText), the same
// text the detail panel shows; the query is a case-insensitive substring of one attribute's text.
import { anyValueToText, type Attributes } from '../model/any-value';

/** The normalised query: trimmed and lower-cased ('' finds nothing). */
export function findQueryText(query: string): string {
  return query.trim().toLowerCase();
}

export function attributeSearchText(key: string, value: Attributes[string]): string {
  return `${key}=${anyValueToText(value)}`.toLowerCase();
}

/** `q` as findQueryText returns it. */
export function attributesMatch(attributes: Attributes | null | undefined, q: string): boolean {
  if (!attributes || q === '') return false;
  for (const key in attributes) {
    if (Object.hasOwn(attributes, key) && attributeSearchText(key, attributes[key]!).includes(q)) return true;
  }
  return false;
}

// Characters that can separate a key from its value or one array/kvlist element from the next in the
// searched text, or that jsonb escapes in its text form; a match never spans one of them inside the stored
// JSON unless the query contains it too.
const SEPARATORS = /[="\\{}[\],:\u0000-\u001f]+/;

/**
 * Substrings that the stored attributes' JSON text (`attributes::text`) must contain, case-insensitively, for
 * an attribute to possibly match `q`: a cheap pre-filter the database applies before attributesMatch decides.
 * Every run of `q` between separators appears verbatim in the JSON of a matching attribute (keys and string
 * values are stored as they are shown). Runs with non-ASCII letters are left out (the database's case folding
 * may differ from JavaScript's), so the filter never hides a match; an empty list filters nothing. Known gap:
 * a double shown by JavaScript in exponent form (1e+21) is stored in positional form, so its text is not found.
 */
export function attributePrefilterTerms(q: string): string[] {
  return [
    ...new Set(
      q
        .split(SEPARATORS)
        .filter((run) => run !== '' && /^[\u0020-\u007e]*$/.test(run))
        .map((run) => run.toLowerCase()),
    ),
  ];
}
