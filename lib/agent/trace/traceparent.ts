// The W3C traceparent header read by hand: version-traceid-parentid-flags, 2-32-16-2 lower-case hex digits with
// dashes. Accepts exactly what @opentelemetry/core's parseTraceParent accepts (traceparent.test.ts compares the
// two on every case), without its regular expression (lookaheads over the whole header) and match array: one
// pass over 55 characters and three substrings, which matters at one traced request in the agent's hot path
// (issue 13). Rules: version ff is invalid; all-zero trace or parent ids are invalid; version 00 has exactly
// four fields, a later version may have more after a dash (kept for forward compatibility, ignored); one
// whitespace character may lead or trail the value.

export interface ParsedTraceparent {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

/** The value of a lower-case hex digit, or -1. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** True when `length` characters from `at` are lower-case hex digits, not all zeros. */
function nonZeroHex(value: string, at: number, length: number): boolean {
  let any = 0;
  for (let i = at; i < at + length; i++) {
    const digit = hexDigit(value.charCodeAt(i));
    if (digit < 0) return false;
    any |= digit;
  }
  return any !== 0;
}

const WHITESPACE = /^\s$/;
// What `.` in a regular expression without the s flag does not match.
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

function isWhitespace(value: string, at: number): boolean {
  return WHITESPACE.test(value.charAt(at));
}

export function parseTraceparent(header: string): ParsedTraceparent | null {
  let at = 0;
  // The common case is exactly 55 characters; anything else may have a leading space or future-version fields.
  if (header.length !== 55) {
    if (header.length < 55) return null;
    if (isWhitespace(header, 0)) at = 1;
  }
  const v0 = hexDigit(header.charCodeAt(at));
  const v1 = hexDigit(header.charCodeAt(at + 1));
  if (v0 < 0 || v1 < 0 || (v0 === 15 && v1 === 15)) return null;
  if (header.charCodeAt(at + 2) !== 45 || header.charCodeAt(at + 35) !== 45 || header.charCodeAt(at + 52) !== 45) return null;
  if (!nonZeroHex(header, at + 3, 32) || !nonZeroHex(header, at + 36, 16)) return null;
  const f0 = hexDigit(header.charCodeAt(at + 53));
  const f1 = hexDigit(header.charCodeAt(at + 54));
  if (f0 < 0 || f1 < 0) return null;
  const end = at + 55;
  if (end !== header.length) {
    const rest = header.length - end;
    if (rest === 1 && isWhitespace(header, end)) {
      // one trailing whitespace character
    } else {
      // More fields: only for a version after 00, after a dash, on one line (a final whitespace character aside).
      if (header.charCodeAt(end) !== 45 || (v0 === 0 && v1 === 0)) return null;
      const last = header.length - 1;
      const body = LINE_TERMINATOR.test(header.charAt(last)) && isWhitespace(header, last) ? header.slice(end, last) : header.slice(end);
      if (LINE_TERMINATOR.test(body)) return null;
    }
  }
  return { traceId: header.slice(at + 3, at + 35), spanId: header.slice(at + 36, at + 52), traceFlags: f0 * 16 + f1 };
}
