// Links to traces and spans inside note Markdown: `/traces/{32 hex}` with an optional `?span={16 hex}` (a
// relative link or any origin's). The page shows each with the trace's summary; the postmortem cites them.
const TRACE_LINK = /\/traces\/([0-9a-f]{32})(?:\?(?:[^\s)#]*&)?span=([0-9a-f]{16}))?/gi;

export interface TraceLink {
  traceId: string;
  spanId: string | null;
}

export function traceLinksInText(text: string): TraceLink[] {
  return [...text.matchAll(TRACE_LINK)].map((m) => ({ traceId: m[1]!.toLowerCase(), spanId: m[2]?.toLowerCase() ?? null }));
}

export function traceIdsInText(text: string): string[] {
  return [...new Set(traceLinksInText(text).map((l) => l.traceId))];
}

/** The trace link of an href, or null when it is not one. */
export function parseTraceHref(href: string): TraceLink | null {
  const [link] = traceLinksInText(href);
  return link ?? null;
}
