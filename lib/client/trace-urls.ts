// URLs of the trace page's data endpoints, shared by the server page (preload) and the client (fetch) so
// the preloaded response is the one the client asks for.
export function skeletonUrl(traceId: string): string {
  return `/api/traces/${encodeURIComponent(traceId)}/spans?view=skeleton`;
}
