// Hard caps that keep a hostile or accidental query from producing unbounded SQL or recursion.
/** Longest accepted query text, in characters. */
export const MAX_QUERY_LENGTH = 4_000;
/** Deepest nesting of braces and parentheses. */
export const MAX_NESTING_DEPTH = 16;
/** Most comparisons in one query (each becomes a SQL predicate). */
export const MAX_CONDITIONS = 64;
/** Most span selectors in one query (each becomes a scan of spans). */
export const MAX_SELECTORS = 8;
/** Longest duration literal (100 years): durations are compared with int8 nanosecond columns. */
export const MAX_DURATION_NS = 100n * 366n * 86_400_000_000_000n;
