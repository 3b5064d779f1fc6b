// The trace page's permalink state at the moment of pinning: its URL's search parameters, as stored with the
// evidence (`view`), so the investigation reopens the trace exactly as it was seen.
export function currentTraceView(): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(window.location.search));
}
