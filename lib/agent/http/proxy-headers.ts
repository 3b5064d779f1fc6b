// Which headers cross the proxy. Hop-by-hop headers (RFC 9110 §7.6.1, plus those named in Connection)
// belong to one connection and are dropped both ways; Host is set by the upstream client from the upstream
// URL; traceparent/tracestate are replaced when the agent records its own span.
import type { IncomingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate', 'expect', 'host']);

export type OutgoingHeaders = Record<string, string | string[]>;

function dropped(headers: Record<string, unknown>): Set<string> {
  const connection = headers.connection;
  const named = typeof connection === 'string' ? connection.split(',').map((h) => h.trim().toLowerCase()) : [];
  return new Set([...HOP_BY_HOP, ...named]);
}

export function upstreamRequestHeaders(headers: IncomingHttpHeaders, replace: Record<string, string>): OutgoingHeaders {
  const drop = dropped(headers);
  const out: OutgoingHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !drop.has(name) && !(name in replace)) out[name] = value;
  }
  return Object.assign(out, replace);
}

export function downstreamResponseHeaders(headers: Record<string, string | string[] | undefined>, keepLength: boolean): OutgoingHeaders {
  const drop = dropped(headers);
  if (!keepLength) drop.add('content-length');
  const out: OutgoingHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !drop.has(name)) out[name] = value;
  }
  return out;
}
