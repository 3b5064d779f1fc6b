'use client';
// One page of search results. Clicking a column header changes the order the server applies across all pages
// (onSort; the order lives in the URL). Each row
// shows a short trace id, the root's outcome (response status or error message) and the spans that matched;
// a click anywhere on a row opens the trace (links and checkboxes inside keep their own meaning).
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { comparePairHref } from '@/lib/client/compare-url-state';
import type { SearchHit } from '@/lib/client/search-api';
import { traceHrefForHit } from '@/lib/client/trace-link';
import { rootOutcomeLabel } from '@/lib/domain/search/root-outcome-label';
import { toggleSearchSort, type SearchSort, type SearchSortKey } from '@/lib/domain/search/search-sort';
import { formatDurationNs, formatUnixNano } from '@/lib/domain/time/format-duration';

const COLUMNS: ReadonlyArray<{ key: SearchSortKey | null; label: string }> = [
  { key: null, label: 'Trace' },
  { key: null, label: 'Root' },
  { key: null, label: 'Outcome' },
  { key: null, label: 'Matched' },
  { key: 'start', label: 'Start' },
  { key: 'duration', label: 'Duration' },
  { key: 'spans', label: 'Spans' },
  { key: 'errors', label: 'Errors' },
  { key: null, label: 'Services' },
  { key: null, label: 'Likely cause' },
];

export function SearchResultsTable({ traces, sort, onSort }: { traces: readonly SearchHit[]; sort: SearchSort; onSort: (sort: SearchSort) => void }) {
  const router = useRouter();
  // Two traces ticked (in the order ticked: the first is A) open the pair comparison.
  const [picked, setPicked] = useState<readonly string[]>([]);
  const pick = (traceId: string, on: boolean) => setPicked(on ? [...picked.filter((t) => t !== traceId), traceId].slice(-2) : picked.filter((t) => t !== traceId));
  return (
    <>
      <p className="compare-picked" data-testid="compare-picked">
        {picked.length === 2 ? <Link href={comparePairHref(picked[0]!, picked[1]!)}>Compare the 2 selected traces</Link> : <span className="muted">Tick two traces to compare them.</span>}
      </p>
      <table className="data" data-testid="search-results">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.label} aria-sort={c.key && sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                {c.key ? (
                  <button type="button" className="link-button" onClick={() => onSort(toggleSearchSort(sort, c.key as SearchSortKey))}>
                    {c.label}
                    {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
            <th>Compare</th>
          </tr>
        </thead>
        <tbody>
          {traces.map((t) => (
            <tr
              key={t.traceId}
              data-trace-id={t.traceId}
              className="clickable-row"
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a, button, input, label')) return;
                router.push(traceHrefForHit(t));
              }}
            >
              <td className="mono" title={t.traceId}>
                {t.traceId.slice(0, 8)}
              </td>
              <td>
                <Link href={traceHrefForHit(t)}>
                  {t.rootService ?? '(missing root)'}: {t.rootName ?? t.traceId}
                </Link>
              </td>
              <OutcomeCell hit={t} />
              <MatchedCell hit={t} />
              <td className="mono">{formatUnixNano(t.startUnixNano)}</td>
              <td className="mono">{formatDurationNs(t.durationNs)}</td>
              <td>{t.spanCount}</td>
              <td className={t.errorCount > 0 ? 'error-text' : undefined}>{t.errorCount}</td>
              <td>{t.services.join(', ')}</td>
              <td title={t.likelyCause?.summary} data-testid="likely-cause-cell">
                {t.likelyCause ? `${t.likelyCause.type}: ${t.likelyCause.service}` : <span className="muted">—</span>}
              </td>
              <td>
                <input type="checkbox" aria-label={`Compare ${t.traceId}`} checked={picked.includes(t.traceId)} onChange={(e) => pick(t.traceId, e.target.checked)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function OutcomeCell({ hit }: { hit: SearchHit }) {
  const outcome = rootOutcomeLabel(hit.root);
  return (
    <td data-testid="root-outcome" className={outcome?.error ? 'error-text' : undefined} title={hit.root?.statusMessage || undefined}>
      {outcome ? outcome.text : <span className="muted">—</span>}
    </td>
  );
}

function MatchedCell({ hit }: { hit: SearchHit }) {
  const named = hit.matchedSpans ?? [];
  const all = hit.matchedSpanIds.length;
  // A query that matches every span (or the empty query) says nothing by naming them.
  if (all === 0 || all >= hit.spanCount) return <td className="muted">{all > 0 ? 'all spans' : '—'}</td>;
  return (
    <td data-testid="matched-spans">
      {named.map((m, k) => (
        <span key={m.spanId}>
          {k > 0 ? ', ' : ''}
          <Link href={`/traces/${hit.traceId}?span=${m.spanId}&details=1`}>
            {m.service} {m.name}
          </Link>
        </span>
      ))}
      {all > named.length ? <span className="muted"> +{all - named.length}</span> : null}
    </td>
  );
}
