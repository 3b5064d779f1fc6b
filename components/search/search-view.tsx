'use client';
// The search page: query box + form, time range, duration scatter and a paginated, sortable table. All
// investigation state (query, range) lives in the URL via lib/client/search-url-state; pagination cursors
// are local (they are only meaningful for the current query and range).
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { AddToInvestigation } from '@/components/investigations/add-to-investigation';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '@/lib/client/api-error';
import { searchQuery } from '@/lib/client/search-api';
import { tagWindowOf } from '@/lib/client/tag-api';
import { traceHrefForHit } from '@/lib/client/trace-link';
import { PAGE_SIZES, readSearchUrl, searchHref, type SearchUrlState } from '@/lib/client/search-url-state';
import { resolveRangeNs } from '@/lib/client/time/resolve-range-ns';
import { DEFAULT_SEARCH_SORT } from '@/lib/domain/search/search-sort';
import { absoluteTimeRange } from '@/lib/domain/time/time-range';
import { traceIdFromInput } from '@/lib/domain/model/trace-id-input';
import { TimeRangePicker } from '../time/time-range-picker';
import { DurationScatter } from './duration-scatter';
import { QueryError } from './query-error';
import { QueryForm } from './query-form';
import { TraceQLEditor } from './traceql-editor';
import { SearchResultsTable } from './search-results-table';

const SCATTER_LIMIT = 500;

export function SearchView({ path = '/search' }: { path?: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const state = readSearchUrl(params);
  const [draft, setDraft] = useState(state.q);
  const [refreshed, setRefreshed] = useState(() => Date.now());
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);

  useEffect(() => setDraft(state.q), [state.q]);
  // Set once React owns the page: typing before hydration would be overwritten by the hydrated state, so
  // tests (and nothing else) wait for this marker.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const sort = state.sort ?? DEFAULT_SEARCH_SORT;
  useEffect(() => setCursors([undefined]), [state.q, state.range.from, state.range.to, state.limit, sort.key, sort.descending]);

  const resolved = useMemo(
    () => resolveRangeNs(state.range, refreshed),
    [state.range.from, state.range.to, refreshed], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const navigate = (next: SearchUrlState) => {
    setRefreshed(Date.now());
    router.push(searchHref(next, path));
  };

  const tagWindow = useMemo(() => (resolved ? tagWindowOf(resolved.fromNs, resolved.toNs) : null), [resolved]);
  const base = resolved ? { q: state.q, fromNs: resolved.fromNs.toString(), toNs: resolved.toNs.toString() } : null;
  const cursor = cursors[cursors.length - 1];
  const page = useQuery({ ...searchQuery({ ...(base ?? { q: '', fromNs: '0', toNs: '1' }), limit: state.limit ?? PAGE_SIZES[0], sort, cursor }), enabled: base !== null });
  const scatter = useQuery({ ...searchQuery({ ...(base ?? { q: '', fromNs: '0', toNs: '1' }), limit: SCATTER_LIMIT }), enabled: base !== null });
  const error = page.error instanceof ApiError ? page.error : null;

  return (
    <div className="search-view" data-hydrated={hydrated ? 'true' : undefined}>
      <form
        className="query-bar"
        onSubmit={(e) => {
          e.preventDefault();
          // A bare trace id opens that trace instead of searching for it.
          const id = traceIdFromInput(draft);
          if (id) router.push(`/traces/${id}`);
          else navigate({ ...state, q: draft.trim() });
        }}
      >
        <TraceQLEditor value={draft} onChange={setDraft} window={tagWindow} placeholder='{ resource.service.name = "payment" && status = error }' />
        <TimeRangePicker value={state.range} onChange={(range) => navigate({ ...state, range })} />
        <button type="submit">Search</button>
        <Link href="/trace/local" prefetch={false} data-testid="open-trace-file">
          Open a file…
        </Link>
        {state.q && base ? <AddToInvestigation testId="add-search-to-investigation" item={() => ({ kind: 'search-query', query: state.q, from: base.fromNs, to: base.toNs })} /> : null}
      </form>
      <details className="query-form-box">
        <summary>Build a query</summary>
        <QueryForm
          window={tagWindow}
          onQuery={(q) => {
            setDraft(q);
            navigate({ ...state, q });
          }}
        />
      </details>
      {!resolved && <div className="error-text">The time range in the URL is not valid.</div>}
      {error && <QueryError query={state.q} message={error.message} position={error.position} />}
      {page.error && !error && <div className="error-text">{String(page.error)}</div>}
      {resolved && scatter.data && (
        <DurationScatter
          traces={scatter.data.traces}
          fromNs={resolved.fromNs}
          toNs={resolved.toNs}
          onBrush={(fromNs, toNs) => navigate({ ...state, range: absoluteTimeRange(Number(fromNs / 1_000_000n), Number(toNs / 1_000_000n)) })}
          onOpen={(hit) => router.push(traceHrefForHit(hit))}
        />
      )}
      {page.isPending && base && <p className="muted">Searching…</p>}
      {page.data && (
        <>
          <p className="muted" data-testid="result-summary">
            {page.data.traces.length === 0 ? 'No traces match.' : `Page ${cursors.length}: ${page.data.traces.length} traces`}
            {scatter.data && scatter.data.traces.length > 0 ? ` · ${scatter.data.traces.length}${scatter.data.nextCursor ? '+' : ''} in the chart` : ''}
          </p>
          {page.data.traces.length > 0 && <SearchResultsTable traces={page.data.traces} sort={sort} onSort={(next) => navigate({ ...state, sort: next })} />}
          {/* No pager on a single empty page: there is nowhere to go. */}
          {page.data.traces.length > 0 || cursors.length > 1 ? (
            <div className="pager">
              <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous
              </button>
              <button type="button" disabled={!page.data.nextCursor} onClick={() => setCursors([...cursors, page.data.nextCursor ?? undefined])}>
                Next
              </button>
              <label>
                Per page{' '}
                <select value={state.limit ?? PAGE_SIZES[0]} onChange={(e) => navigate({ ...state, limit: Number(e.target.value) })}>
                  {PAGE_SIZES.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
