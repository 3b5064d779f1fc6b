// Imported FIRST by trace-page.tsx, so it is evaluated before the rest of the page's module graph: a full page
// load of /traces/{id} starts the trace's load (worker boot, the preloaded skeleton, decode and tree) here and
// runs it alongside the evaluation of the page's other modules and hydration. A client-side navigation
// evaluates this module on the previous page's URL and loads through the query as before.
// Only the worker client (no React, no views) is imported, so this module costs next to nothing.
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { startTraceLoad } from '@/lib/client/trace-worker/trace-worker-client';

if (typeof window !== 'undefined') {
  const match = /^\/traces\/([^/]+)$/.exec(window.location.pathname);
  const traceId = match ? normalizeTraceId(match[1]!) : '';
  if (isValidTraceId(traceId)) startTraceLoad(traceId);
}
