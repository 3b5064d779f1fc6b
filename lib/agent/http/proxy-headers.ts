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
