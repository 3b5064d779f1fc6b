'use client';
// The trace page: loads the trace through the worker (TanStack Query), derives visible rows purely from
// (tree, collapsed, find filter) with useMemo, and keeps the investigation state in the URL.
// First import: starts the trace's load before the rest of this module graph is evaluated (see the module).
import './early-trace-load';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { isTextEntry } from '@/lib/client/is-text-entry';
import { prewarmTraceWorker } from '@/lib/client/trace-worker/trace-worker-client';
import { traceAnalysisQuery, traceAttributeFindQuery, traceFindQuery, traceKeys, traceWaterfallQuery } from '@/lib/client/trace-queries';
import type { TraceHead } from '@/lib/domain/model/trace-head';
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import { collapseAll, collapseToDepth, expandAll, revealNode, setCollapsed, toggleCollapsed } from '@/lib/domain/waterfall/collapse';
import { keepMaskForMatches } from '@/lib/domain/waterfall/find-filter';
import { computeVisibleRows } from '@/lib/domain/waterfall/visible-rows';
import { nodeOfSpanId, spanIdOf, type WaterfallData } from '@/lib/domain/waterfall/waterfall-data';
import { FindBar } from './find-bar';
import { TimeAxis } from './time-axis';
import { buildTimeline } from './timeline';
import { TraceHeadPreview } from './trace-head-preview';
import { TraceHeader } from './trace-header';
import { ServiceLegend } from './service-legend';
import { TraceMinimap } from './trace-minimap';
import { TraceToolbar } from './trace-toolbar';
import { useTraceViewState } from './use-trace-view-state';
import { WaterfallRows } from './waterfall-rows';
import { KeyboardHelp, SpanDetailPanel, SpanTable, TraceLogs, TraceStatistics, preloadTracePanels } from './lazy-panels';
import './trace-page.css';

/** `head`: the first rows as the server read them (null: no true root), shown until the worker's rows exist. */
export function TracePage({ traceId, summary, head = null }: { traceId: string; summary: TraceSummary; head?: TraceHead | null }) {
  // During the first (hydration) render, before the query's effect asks for the rows: the worker's boot then
  // overlaps the skeleton's download. Idempotent.
  prewarmTraceWorker();
  const query = useQuery(traceWaterfallQuery(traceId));
  // For bench:ui's breakdown of the time to first rows: the page's first effect, i.e. hydration done.
  useEffect(() => {
    performance.mark('tracehound:trace-page-hydrated');
  }, []);
  const rowsOnly = query.data?.status === 'ok' ? query.data.data : null;
  const analysis = useQuery(traceAnalysisQuery(traceId, rowsOnly ? query.dataUpdatedAt : 0));
  // Rows paint first; the analysis patch (corrected times, path, findings) is merged in when it arrives.
  const loaded = useMemo(() => (rowsOnly && analysis.data ? { ...rowsOnly, ...analysis.data } : rowsOnly), [rowsOnly, analysis.data]);
  return (
    <section
      className="trace-page"
      data-critical-segments={loaded ? loaded.criticalSegmentCount : undefined}
      data-load-timings={query.data?.status === 'ok' ? JSON.stringify(query.data.timings) : undefined}
      data-analyzed={loaded?.analyzed ? 'true' : 'false'}
    >
      <TraceHeaderLoaded summary={summary} data={loaded} />
      {query.isPending ? (
        <p className="muted" data-testid="trace-loading">
          Loading {summary.spanCount.toLocaleString()} spans…
        </p>
      ) : null}
      {head && query.isPending ? <TraceHeadPreview head={head} /> : null}
      {query.isError ? <p className="error-text">Could not load the trace: {query.error.message}</p> : null}
      {query.data?.status === 'not_found' ? <p className="muted">No spans of this trace are stored any more.</p> : null}
      {rowsOnly && analysis.isPending ? (
        <p className="muted" data-testid="analysis-pending">
          Analysing clock skew and critical path…
        </p>
      ) : null}
      {loaded ? <TraceView key={query.dataUpdatedAt} traceId={traceId} data={loaded} loadedAt={query.dataUpdatedAt} /> : null}
    </section>
  );
}

function TraceHeaderLoaded({ summary, data }: { summary: TraceSummary; data: WaterfallData | null }) {
  const [state, update] = useTraceViewState();
  const timeline = useMemo(() => (data ? buildTimeline(data, { ...state, window: null }) : null), [data, state]);
  return <TraceHeader summary={summary} data={data} timeline={timeline} onFinding={(span) => update({ span, details: true })} />;
}

/** The loaded trace's views. `traceId` is the worker's store key; `local` for a trace opened from a file. */
export function TraceView({ traceId, data, loadedAt, local = false }: { traceId: string; data: WaterfallData; loadedAt: number; local?: boolean }) {
  const queryClient = useQueryClient();
  const [state, update] = useTraceViewState();
  const [collapsed, setCollapsedSet] = useState<ReadonlySet<number>>(() => new Set());
  const [matchIndex, setMatchIndex] = useState(0);
  const findRef = useRef<HTMLInputElement>(null);
  const { tree } = data;
  // The rows are on screen: fetch the panels left out of the first bundle while the user reads them.
  useEffect(() => preloadTracePanels(), []);

  const timeline = useMemo(() => buildTimeline(data, state), [data, state]);
  // Names, services and span ids match at once in the worker; attribute values (searched by the server for a
  // stored trace) extend the matches when they arrive. A local file's attributes are in the first answer.
  const find = useQuery(traceFindQuery(traceId, loadedAt, state.find));
  const findAttributes = useQuery(traceAttributeFindQuery(traceId, loadedAt, state.find, !local));
  const matches = state.find.trim() ? (findAttributes.data ?? find.data ?? null) : null;
  const matchSet = useMemo(() => (matches ? new Set(matches) : null), [matches]);
  const keep = useMemo(() => (matches && state.onlyMatches ? keepMaskForMatches(tree, matches) : null), [matches, state.onlyMatches, tree]);
  const rows = useMemo(() => computeVisibleRows(tree, collapsed, keep), [tree, collapsed, keep]);

  const selectedNode = useMemo(() => (state.span ? nodeOfSpanId(data, state.span) : -1), [data, state.span]);
  const selectedRow = useMemo(() => (selectedNode < 0 ? -1 : rowIndexOf(rows, tree.posOf[selectedNode]!)), [rows, selectedNode, tree]);

  // A permalink's span may sit inside a collapsed subtree: open its ancestors once it is known.
  useEffect(() => {
    if (selectedNode >= 0) setCollapsedSet((c) => revealNode(tree, c, selectedNode));
  }, [selectedNode, tree]);

  // Keys can arrive faster than the URL round trip re-renders: the latest selection lives in a ref too.
  const selectedRef = useRef(selectedNode);
  useEffect(() => {
    selectedRef.current = selectedNode;
  }, [selectedNode]);

  const selectNode = useCallback(
    (node: number, details?: boolean) => {
      selectedRef.current = node;
      const span = spanIdOf(data, node);
      if (span) update(details === undefined ? { span } : { span, details });
    },
    [data, update],
  );
  const onRowSelect = useCallback((node: number) => selectNode(node, true), [selectNode]);
  const onToggle = useCallback((node: number) => setCollapsedSet((c) => toggleCollapsed(c, node)), []);

  const fullStart = timeline.full[0];
  const onWindow = useCallback(
    (w: [number, number] | null) => {
      update({ window: w ? { fromUs: (w[0] - fullStart) / 1e3, toUs: (w[1] - fullStart) / 1e3 } : null });
    },
    [update, fullStart],
  );

  const stepMatch = useCallback(
    (delta: 1 | -1) => {
      if (!matches || matches.length === 0) return;
      const next = (matchIndex + delta + matches.length) % matches.length;
      setMatchIndex(next);
      selectNode(matches[next]!);
    },
    [matches, matchIndex, selectNode],
  );

  const [showHelp, setShowHelp] = useState(false);

  // Shortcuts work as soon as the page opens, wherever focus is, except while typing in a text field.
  const onKey = (event: globalThis.KeyboardEvent) => {
    if (event.key === 'Escape') {
      if (showHelp) setShowHelp(false);
      else update({ details: false });
      return;
    }
    if (isTextEntry(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
    const node = selectedRef.current;
    const at = node >= 0 ? rowIndexOf(rows, tree.posOf[node]!) : -1;
    if (event.key === '/') {
      event.preventDefault();
      findRef.current?.focus();
    } else if (event.key === '?') {
      setShowHelp((shown) => !shown);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)));
      if (rows.length > 0) selectNode(tree.order[rows[next]!]!);
    } else if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && node >= 0) {
      event.preventDefault();
      setCollapsedSet((c) => setCollapsed(c, node, event.key === 'ArrowLeft'));
    } else if (event.key === 'Enter' && node >= 0 && !(event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement)) {
      update({ details: true });
    }
  };
  // Subscribed once; useEffectEvent hands the listener this render's onKey (rows, selection, help state).
  const onKeyEvent = useEffectEvent(onKey);
  useEffect(() => {
    const listener = (event: globalThis.KeyboardEvent) => onKeyEvent(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  return (
    <>
      <TraceToolbar
        traceId={traceId}
        state={state}
        onUpdate={update}
        onCollapseAll={() => setCollapsedSet(collapseAll(tree))}
        onExpandAll={() => setCollapsedSet(expandAll())}
        onDepth={(depth) => setCollapsedSet(collapseToDepth(tree, depth))}
        onRefresh={() => void queryClient.invalidateQueries({ queryKey: traceKeys.detail(traceId), exact: true })}
        pathComputed={data.criticalSegmentCount > 0}
        local={local}
      />
      {/* Find and the legend share a line: at 1280×720 every line above the waterfall costs a row. */}
      <div className="trace-controls">
        <FindBar
          inputRef={findRef}
          query={state.find}
          onlyMatches={state.onlyMatches}
          matchCount={matches ? matches.length : null}
          searching={state.find.trim() !== '' && findAttributes.isFetching}
          current={matches && matches.length > 0 ? Math.min(matchIndex, matches.length - 1) : 0}
          onQuery={(find) => {
            setMatchIndex(0);
            update({ find });
          }}
          onOnlyMatches={(onlyMatches) => update({ onlyMatches })}
          onStep={stepMatch}
        />
        <ServiceLegend services={data.services} />
      </div>
      {showHelp ? <KeyboardHelp onClose={() => setShowHelp(false)} /> : null}
      <TraceMinimap data={data} timeline={timeline} onWindow={onWindow} />
      <div className="trace-body">
        {state.view === 'table' ? (
          <SpanTable
            data={data}
            selectedNode={selectedNode}
            onSelect={(node) => {
              selectNode(node);
              update({ details: true });
            }}
          />
        ) : state.view === 'stats' ? (
          <TraceStatistics data={data} />
        ) : state.view === 'logs' && !local ? (
          <TraceLogs
            traceId={traceId}
            data={data}
            state={state}
            onUpdate={update}
            onSelect={(node) => {
              selectNode(node);
              update({ details: true });
            }}
          />
        ) : (
          <div className="waterfall">
            <TimeAxis timeline={timeline} />
            <WaterfallRows
              data={data}
              timeline={timeline}
              rows={rows}
              collapsed={collapsed}
              selectedNode={selectedNode}
              selectedRow={selectedRow}
              matchSet={matchSet}
              criticalPath={state.criticalPath}
              onSelect={onRowSelect}
              onToggle={onToggle}
            />
          </div>
        )}
        {state.details && selectedNode >= 0 && selectedNode < tree.spanCount ? (
          <SpanDetailPanel traceId={traceId} data={data} loadedAt={loadedAt} node={selectedNode} onClose={() => update({ details: false })} local={local} />
        ) : null}
      </div>
    </>
  );
}

/** Binary search: visible rows are pre-order positions in ascending order. */
function rowIndexOf(rows: Int32Array, position: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = rows[mid]!;
    if (v === position) return mid;
    if (v < position) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
