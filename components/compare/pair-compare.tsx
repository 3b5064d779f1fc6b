'use client';
// The pair mode of /compare: the diff is computed in the trace Web Worker (both traces are downloaded and
// diffed there), the page gets columns and draws the summary and the merged tree.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { comparePairQuery } from '@/lib/client/compare-queries';
import { compareHref, type CompareUrlState } from '@/lib/client/compare-url-state';
import { visibleCompareRows } from '@/lib/domain/compare/compare-rows';
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { CompareNodePanel } from './compare-node-panel';
import { CompareTree } from './compare-tree';
import { DiffSummaryView } from './diff-summary-view';
import { PairForm } from './pair-form';

export function PairCompare({ state }: { state: CompareUrlState }) {
  const { a, b } = state;
  const bad = [a, b].find((id) => id && !isValidTraceId(normalizeTraceId(id)));
  return (
    <>
      <PairForm key={`${a}/${b}`} state={state} />
      {bad !== undefined ? (
        <p className="error-text" role="alert">
          {bad} is not a trace id (32 or 16 hex characters).
        </p>
      ) : a && b ? (
        <PairDiff state={{ ...state, a: normalizeTraceId(a), b: normalizeTraceId(b) }} />
      ) : (
        <p className="muted">Give two trace ids, or select two traces in the search results.</p>
      )}
    </>
  );
}

function PairDiff({ state }: { state: CompareUrlState }) {
  const { a, b } = state;
  const router = useRouter();
  // Applied at once; the URL (the permalink) follows.
  const [onlyChanges, setOnlyChanges] = useState(state.onlyChanges);
  const query = useQuery(comparePairQuery(a, b));
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const [selected, setSelected] = useState(-1);
  const view = query.data?.status === 'ok' ? query.data.view : null;
  const visible = useMemo(() => (view ? visibleCompareRows(view.rows, collapsed, onlyChanges) : new Int32Array(0)), [view, collapsed, onlyChanges]);
  if (query.isPending) return <p className="muted">Comparing…</p>;
  if (query.isError)
    return (
      <p className="error-text" role="alert">
        Comparison failed: {query.error.message}
      </p>
    );
  if (query.data.status === 'not_found') {
    return (
      <p className="error-text" role="alert">
        Trace {query.data.traceId} ({query.data.side.toUpperCase()}) not found.
      </p>
    );
  }
  const rows = view!.rows;
  const reveal = (node: number) => {
    // Expand every collapsed ancestor so the node has a row, then select it.
    const next = new Set(collapsed);
    for (let p = rows.parent[node]!; p >= 0; p = rows.parent[p]!) next.delete(p);
    setCollapsed(next);
    setSelected(node);
  };
  const toggle = (node: number) => {
    const next = new Set(collapsed);
    if (!next.delete(node)) next.add(node);
    setCollapsed(next);
  };
  return (
    <>
      <p>
        <Link href={`/traces/${a}`}>A: {a}</Link> · <Link href={`/traces/${b}`}>B: {b}</Link>
      </p>
      <DiffSummaryView view={view!} onDivergence={reveal} />
      <p className="change-legend">
        <label>
          <input
            type="checkbox"
            checked={onlyChanges}
            onChange={(e) => {
              setOnlyChanges(e.target.checked);
              router.replace(compareHref({ ...state, onlyChanges: e.target.checked }));
            }}
          />{' '}
          Only changes
        </label>{' '}
        <span className="muted">
          {visible.length} of {rows.count} nodes
        </span>
      </p>
      {/* The worker's load and diff times, read by npm run bench:compare. */}
      <div className="compare-layout" data-timings={JSON.stringify(query.data.timings)}>
        <CompareTree rows={rows} visible={visible} collapsed={collapsed} selected={selected} onSelect={setSelected} onToggle={toggle} />
        <CompareNodePanel a={a} b={b} node={selected} />
      </div>
    </>
  );
}
