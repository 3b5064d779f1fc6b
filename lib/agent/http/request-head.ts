// The request heads an HTTP route answers without node:http (route-connection.ts, issue 13): a complete HTTP/1.1
// head with no body and nothing unusual about it. Everything else, and anything this parser is not sure about, is
// left to node:http's own parser (llhttp), which then gets the connection with the bytes exactly as they came.
// Being strict here is what keeps the two parsers from ever disagreeing about where a request ends (request
// smuggling): this one only accepts heads that end at their blank line and are followed by the next request.

/** A request the route serves itself; `end` is the offset just past the head's blank line. */
export interface PlainRequestHead {
  method: string;
  url: string;
  /** Names as sent, values without surrounding blanks: name, value, name, value, ... (node:http's rawHeaders). */
  rawHeaders: string[];
  end: number;
}

/** node:http's default limit (--max-http-header-size): a longer head is node:http's to refuse with a 431. */
export const MAX_HEAD_BYTES = 16 * 1024;

/**
 * Methods served here: the common ones llhttp also accepts. CONNECT (a tunnel) and anything rarer go to node:http,
 * which knows every method it accepts and answers the rest with a 400.
 */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

const CR = 13;
const LF = 10;

/** RFC 9110 token characters (header names), as a lookup table over char codes. */
const TOKEN = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~") TOKEN[c.charCodeAt(0)] = 1;
for (let c = 48; c <= 57; c++) TOKEN[c] = 1;
for (let c = 65; c <= 90; c++) TOKEN[c] = 1;
for (let c = 97; c <= 122; c++) TOKEN[c] = 1;

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** Field value characters: HTAB, visible ASCII, space and obs-text (0x80-0xff); no CR, LF, NUL or other controls. */
function isValueChar(code: number): boolean {
  return code === 9 || (code >= 32 && code !== 127 && code <= 255);
}

/**
 * Reads the head at the start of `buffer`: the head, `'incomplete'` (no blank line yet, within the size limit) or
 * `'other'` (a request for node:http: a body, a protocol switch, an expectation, a closing or HTTP/1.0 request,
 * an absolute or asterisk target, a missing or repeated Host, or anything malformed).
 */
export function readRequestHead(buffer: Buffer): PlainRequestHead | 'incomplete' | 'other' {
  const limit = Math.min(buffer.length, MAX_HEAD_BYTES);
  const blank = buffer.indexOf('\r\n\r\n', 0, 'latin1');
  if (blank < 0 || blank + 4 > limit) return blank < 0 && buffer.length < MAX_HEAD_BYTES ? 'incomplete' : 'other';
  const text = buffer.toString('latin1', 0, blank + 2);
  // Request line: METHOD SP origin-form SP HTTP/1.1
  const sp1 = text.indexOf(' ');
  const eol = text.indexOf('\r\n');
  if (sp1 <= 0 || sp1 > eol) return 'other';
  const method = text.slice(0, sp1);
  if (!METHODS.has(method)) return 'other';
  const sp2 = eol - 9;
  if (sp2 <= sp1 + 1 || text.charCodeAt(sp2) !== 32 || !text.startsWith('HTTP/1.1', sp2 + 1)) return 'other';
  if (text.charCodeAt(sp1 + 1) !== 47) return 'other'; // "/": origin-form only
  for (let i = sp1 + 1; i < sp2; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c >= 127) return 'other';
  }
  const url = text.slice(sp1 + 1, sp2);
  const rawHeaders: string[] = [];
  let hosts = 0;
  let lengths = 0;
  for (let at = eol + 2; at < text.length;) {
    const end = text.indexOf('\r\n', at);
    // A line with a bare CR or LF inside, or one starting with a blank (obs-fold), is not read here.
    const colon = text.indexOf(':', at);
    if (colon <= at || colon > end) return 'other';
    for (let i = at; i < colon; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128 || TOKEN[c] !== 1) return 'other';
    }
    let from = colon + 1;
    let to = end;
    while (from < to && isBlank(text.charCodeAt(from))) from++;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (!isValueChar(c) || c === CR || c === LF) return 'other';
    }
    const name = text.slice(at, colon);
    const value = text.slice(from, to);
    switch (colon - at) {
      case 4:
        if (name.toLowerCase() === 'host') hosts++;
        break;
      case 6:
        if (name.toLowerCase() === 'expect') return 'other';
        break;
      case 7:
        if (name.toLowerCase() === 'upgrade') return 'other';
        break;
      case 10:
        // "keep-alive" (or nothing) is all a plain request says; close, upgrade or a list of headers is node:http's.
        if (name.toLowerCase() === 'connection' && value.toLowerCase() !== 'keep-alive') return 'other';
        break;
      case 14:
        // "Content-Length: 0" once; a real length or a repeated header (which llhttp refuses) is node:http's.
        if (name.toLowerCase() === 'content-length' && (value !== '0' || ++lengths > 1)) return 'other';
        break;
      case 17:
        if (name.toLowerCase() === 'transfer-encoding') return 'other';
        break;
    }
    rawHeaders.push(name, value);
    // node:http keeps at most 2,000 headers (maxHeadersCount); a longer list is left to it.
    if (rawHeaders.length > 4000) return 'other';
    at = end + 2;
  }
  // HTTP/1.1 requires exactly one Host (node:http answers a request without one with a 400).
  if (hosts !== 1) return 'other';
  return { method, url, rawHeaders, end: blank + 4 };
}
