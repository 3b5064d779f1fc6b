'use client';
// The logs page: LogQL box, time range, histogram (drag to zoom), lines. All investigation state lives in
// the URL (query, from, to); relative ranges are resolved to instants once per navigation or refresh.
import { useQuery } from '@tanstack/react-query';
import { AddToInvestigation } from '@/components/investigations/add-to-investigation';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { TimeRangePicker } from '@/components/time/time-range-picker';
import { rememberLogqlQuery } from '@/lib/client/logs/logql-history';
import { LogsApiError, logHistogramQuery, logLinesQuery } from '@/lib/client/logs/logs-queries';
import { QueryError } from '@/components/search/query-error';
import { logsHref, readLogsState, type LogsPageState } from '@/lib/client/logs/logs-search-params';
import { absoluteTimeRange, msToUnixNanoString, resolveTimeRange } from '@/lib/domain/time/time-range';
import { LogLines } from './log-lines';
import { LogqlInput } from './logql-input';
import { LogsHistogram } from './logs-histogram';

const LINE_LIMIT = 500;
const BUCKETS = 80;

export function LogsExplorer() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = readLogsState(new URLSearchParams(params.toString()));
  const [refreshes, setRefreshes] = useState(0);
  // Set once React owns the page: a query typed before hydration is lost (the input is React's), so tests wait
  // for this marker (as on the search page).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const { from, to } = state.range;
  // "now" is re-resolved only when the range changes or on refresh, so query keys stay stable meanwhile.
  const scope = useMemo(() => {
    void refreshes;
    const { startMs, endMs } = resolveTimeRange({ from, to }, Date.now());
    return { start: msToUnixNanoString(startMs), end: msToUnixNanoString(endMs) };
  }, [from, to, refreshes]);

  const request = { query: state.query, ...scope };
  const lines = useQuery(logLinesQuery({ ...request, limit: LINE_LIMIT }));
  const histogram = useQuery(logHistogramQuery(request, BUCKETS));

  function navigate(next: LogsPageState) {
    router.push(logsHref(next));
    setRefreshes((n) => n + 1);
  }

  return (
    <section className="page logs-page" data-pathname={pathname} data-hydrated={hydrated ? 'true' : undefined}>
      <h1>Logs</h1>
      <div className="logs-toolbar">
        <LogqlInput
          initial={state.query}
          onRun={(query) => {
            rememberLogqlQuery(query);
            navigate({ ...state, query });
          }}
        />
        <TimeRangePicker value={state.range} onChange={(range) => navigate({ ...state, range })} />
        <button type="button" onClick={() => setRefreshes((n) => n + 1)}>
          Refresh
        </button>
        {state.query ? <AddToInvestigation testId="add-logs-to-investigation" item={() => ({ kind: 'log-query', query: state.query, from: scope.start, to: scope.end })} /> : null}
      </div>
      {!state.query && <p className="muted">Enter a LogQL query, e.g. {'{app="api"} |= "error"'}, and press Enter.</p>}
      {lines.error && (
        // The same caret under the offending character as TraceQL errors on the search page.
        <div data-testid="logs-error">
          <QueryError query={state.query} message={lines.error.message} position={lines.error instanceof LogsApiError ? lines.error.position : undefined} />
        </div>
      )}
      {histogram.data && <LogsHistogram histogram={histogram.data} onZoom={(startMs, endMs) => navigate({ ...state, range: absoluteTimeRange(startMs, endMs) })} />}
      {lines.isFetching && <p className="muted">Loading…</p>}
      {lines.data && <LogLines lines={lines.data.lines} />}
    </section>
  );
}
