// Link from a search hit to its trace page. When the query matched only some spans, the first matched span
// is selected (trace-view-state writes the trace page's URL parameters; this module does not hand-build them).
import { DEFAULT_VIEW_STATE, writeViewState } from '@/lib/domain/waterfall/trace-view-state';
import type { SearchHit } from './search-api';

export function traceHrefForHit(hit: Pick<SearchHit, 'traceId' | 'matchedSpanIds' | 'spanCount'>): string {
  const span = hit.matchedSpanIds.length > 0 && hit.matchedSpanIds.length < hit.spanCount ? (hit.matchedSpanIds[0] ?? null) : null;
  const params = writeViewState({ ...DEFAULT_VIEW_STATE, span }).toString();
  return `/traces/${hit.traceId}${params ? `?${params}` : ''}`;
}
