// Which headers cross the proxy. Hop-by-hop headers (RFC 9110 §7.6.1, plus those named in Connection)
// belong to one connection and are dropped both ways; Host is set by the upstream client from the upstream
// URL; traceparent/tracestate are replaced when the agent records its own span. These run once or twice per
// proxied request, so they allocate only the output (no per-call Set unless Connection names extra headers).
import type { IncomingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate', 'expect', 'host']);

export type OutgoingHeaders = Record<string, string | string[]>;

/** Header names a Connection header lists beyond the always-dropped ones; null in the common case (none). */
function connectionListed(connection: unknown): Set<string> | null {
  if (typeof connection !== 'string') return null;
  // What nearly every request and response says: nothing beyond the always-dropped names, no split needed.
  if (connection === 'keep-alive' || connection === 'close' || connection === 'Keep-Alive' || connection === 'Close') return null;
  let listed: Set<string> | null = null;
  for (const token of connection.split(',')) {
    const name = token.trim().toLowerCase();
    if (name && name !== 'close' && !HOP_BY_HOP.has(name)) (listed ??= new Set()).add(name);
  }
  return listed;
}

export function upstreamRequestHeaders(headers: IncomingHttpHeaders, replace: Record<string, string>): OutgoingHeaders {
  const listed = connectionListed(headers.connection);
  const out: OutgoingHeaders = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && !HOP_BY_HOP.has(name) && !listed?.has(name) && !(name in replace)) out[name] = value;
  }
  return Object.assign(out, replace);
}

export function downstreamResponseHeaders(headers: Record<string, string | string[] | undefined>, keepLength: boolean): OutgoingHeaders {
  const listed = connectionListed(headers.connection);
  const out: OutgoingHeaders = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && !HOP_BY_HOP.has(name) && !listed?.has(name) && (keepLength || name !== 'content-length')) out[name] = value;
  }
  return out;
}

// The unfaulted path (upstream-pool.ts) works on raw header arrays ([name, value, ...], names as sent): no header
// object is built for a request or response that is only passed on (issue 13). Same rules as above.

/** The caller's request headers as the upstream is to get them, with what the route needs to know on the way. */
export type ScannedRequest = {
  /** Header lines to forward ("Name: value\r\n" each), without Host, hop-by-hop headers, traceparent and tracestate. */
  lines: string;
  traceparent: string | undefined;
  tracestate: string | undefined;
  /** How the request body is framed: node:http has already removed chunked encoding, so it is re-applied upstream. */
  body: 'none' | 'length' | 'chunked';
};

export function scanRequestHeaders(raw: string[]): ScannedRequest {
  let lines = '';
  let traceparent: string | undefined;
  let tracestate: string | undefined;
  let connection: string | undefined;
  let body: ScannedRequest['body'] = 'none';
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    const lower = name.toLowerCase();
    if (lower === 'traceparent') traceparent ??= value;
    else if (lower === 'tracestate') tracestate = tracestate === undefined ? value : `${tracestate},${value}`;
    else if (HOP_BY_HOP.has(lower)) {
      if (lower === 'connection') connection = connection === undefined ? value : `${connection}, ${value}`;
      else if (lower === 'transfer-encoding') body = 'chunked';
    } else {
      if (lower === 'content-length' && value !== '0' && body === 'none') body = 'length';
      lines += `${name}: ${value}\r\n`;
    }
  }
  const listed = connectionListed(connection);
  if (listed) {
    // Rare: the Connection header names more headers to drop; filter the kept lines again.
    lines = '';
    for (let i = 0; i < raw.length; i += 2) {
      const lower = raw[i]!.toLowerCase();
      if (!HOP_BY_HOP.has(lower) && !listed.has(lower) && lower !== 'traceparent' && lower !== 'tracestate') lines += `${raw[i]}: ${raw[i + 1]}\r\n`;
    }
  }
  return { lines, traceparent, tracestate, body };
}

/** An upstream response's raw headers as the client is to get them, in the flat form `writeHead` accepts. */
export function downstreamRawHeaders(raw: string[]): string[] {
  let connection: string | undefined;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.length === 10 && raw[i]!.toLowerCase() === 'connection') connection = connection === undefined ? raw[i + 1] : `${connection}, ${raw[i + 1]}`;
  const listed = connectionListed(connection);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const lower = raw[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(lower) && !listed?.has(lower)) out.push(raw[i]!, raw[i + 1]!);
  }
  return out;
}

/** Raw headers as a record with lower-case names, repeated ones as arrays (as undici gave them before), for captures. */
export function rawHeaderRecord(raw: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    // Not a key of a plain object (assigning it would set the record's prototype): left out, as node:http does.
    if (name === '__proto__') continue;
    const value = raw[i + 1]!;
    const seen = out[name];
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}
