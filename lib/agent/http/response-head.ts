// The head of a response the route writes to its client itself (route-connection.ts, issue 13), built from the
// upstream's status and raw headers the way node:http's ServerResponse builds it for the same writeHead call:
// hop-by-hop headers dropped (proxy-headers.ts), every name and value checked with node:http's own rules (an
// upstream header that could split the response is refused, never passed on), Date added when the upstream sent
// none, "Connection: keep-alive" with the route's Keep-Alive timeout, and the body framed by the upstream's
// Content-Length or else chunked; no body at all for HEAD, 204 and 304.
import { STATUS_CODES } from 'node:http';
import { downstreamRawHeaders } from './proxy-headers';

export type ResponseFraming = 'none' | 'length' | 'chunked';

export interface ResponseHead {
  text: string;
  framing: ResponseFraming;
}

/** node:http's checks (`checkIsHttpToken`, `checkInvalidHeaderChar`). */
const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

export class InvalidResponseHeader extends Error {
  readonly code = 'ERR_INVALID_CHAR';
}

let dateSecond = -1;
let dateText = '';

/** The Date header's value, made once a second (node:http caches it the same way). */
export function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}

/**
 * The response head for `status` and the upstream's raw headers; `requestExpectsBody` is false for HEAD. Throws
 * InvalidResponseHeader when a header cannot be sent, as node:http's writeHead does.
 */
export function responseHead(status: number, upstreamRaw: readonly string[], requestExpectsBody: boolean, keepAliveSeconds: number): ResponseHead {
  let chunkedUpstream = false;
  for (let i = 0; i < upstreamRaw.length; i += 2) if (upstreamRaw[i]!.length === 17 && upstreamRaw[i]!.toLowerCase() === 'transfer-encoding') chunkedUpstream = true;
  const kept = downstreamRawHeaders(upstreamRaw as string[]);
  let text = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'unknown'}\r\n`;
  let length = false;
  let date = false;
  for (let i = 0; i < kept.length; i += 2) {
    const name = kept[i]!;
    const value = kept[i + 1]!;
    if (!TOKEN.test(name)) throw new InvalidResponseHeader(`invalid header name from the upstream: ${JSON.stringify(name.slice(0, 40))}`);
    if (INVALID_VALUE.test(value)) throw new InvalidResponseHeader(`invalid character in the upstream's ${name} header`);
    if (name.length === 14 && name.toLowerCase() === 'content-length') {
      // The body's length as the upstream framed it: once, and not at all next to chunked encoding (the body
      // then arrives decoded and goes out chunked again).
      if (length || chunkedUpstream) continue;
      length = true;
    } else if (name.length === 4 && name.toLowerCase() === 'date') date = true;
    text += `${name}: ${value}\r\n`;
  }
  if (!date) text += `Date: ${httpDate()}\r\n`;
  text += `Connection: keep-alive\r\nKeep-Alive: timeout=${keepAliveSeconds}\r\n`;
  const bodyless = !requestExpectsBody || status === 204 || status === 304;
  if (bodyless) return { text: `${text}\r\n`, framing: 'none' };
  if (length) return { text: `${text}\r\n`, framing: 'length' };
  return { text: `${text}Transfer-Encoding: chunked\r\n\r\n`, framing: 'chunked' };
}
