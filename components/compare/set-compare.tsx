'use client';
// The sets mode of /compare: a TraceQL selection and a baseline, each with its time window, compared by
// PostgreSQL (GET /api/compare/sets). Values are untrusted and rendered as text.
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { setComparisonQuery, type SetsArgs } from '@/lib/client/compare-queries';
import { compareHref, type CompareUrlState } from '@/lib/client/compare-url-state';
import { resolveRangeNs } from '@/lib/client/time/resolve-range-ns';
import type { OperationStats } from '@/lib/domain/compare/set-comparison';
import { formatDurationNs } from '@/lib/domain/time/format-duration';

export function SetCompare({ state }: { state: CompareUrlState }) {
  const router = useRouter();
  const [draft, setDraft] = useState(state);
  // Resolved once per URL so relative ranges (now-15m) give a stable query key until the form is submitted.
  const [nowMs] = useState(() => Date.now());
  const selectionRange = resolveRangeNs(state.range, nowMs);
  const baselineRange = resolveRangeNs(state.baselineRange, nowMs);
  const args: SetsArgs | null =
    selectionRange && baselineRange
      ? {
          selection: state.selection,
          fromNs: selectionRange.fromNs.toString(),
          toNs: selectionRange.toNs.toString(),
          baseline: state.baseline,
          baselineFromNs: baselineRange.fromNs.toString(),
          baselineToNs: baselineRange.toNs.toString(),
        }
      : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    router.push(compareHref({ ...draft, mode: 'sets' }));
  };
  const field = (label: string, value: string, set: (v: string) => void, name: string) => (
    <label>
      {label}
      <input name={name} value={value} onChange={(e) => set(e.target.value)} spellCheck={false} />
    </label>
  );
  return (
    <>
      <form className="compare-form" onSubmit={submit} aria-label="Sets to compare">
        {field('Selection (TraceQL)', draft.selection, (selection) => setDraft({ ...draft, selection }), 'selection')}
        {field('from', draft.range.from, (from) => setDraft({ ...draft, range: { ...draft.range, from } }), 'from')}
        {field('to', draft.range.to, (to) => setDraft({ ...draft, range: { ...draft.range, to } }), 'to')}
        {field('Baseline (TraceQL)', draft.baseline, (baseline) => setDraft({ ...draft, baseline }), 'baseline')}
        {field('from', draft.baselineRange.from, (from) => setDraft({ ...draft, baselineRange: { ...draft.baselineRange, from } }), 'baselineFrom')}
        {field('to', draft.baselineRange.to, (to) => setDraft({ ...draft, baselineRange: { ...draft.baselineRange, to } }), 'baselineTo')}
        <button type="submit">Compare</button>
      </form>
      {args ? <SetResults args={args} /> : <p className="error-text">A time range is not valid (use now-15m, an ISO time or epoch ms).</p>}
    </>
  );
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ns = (x: number) => formatDurationNs(BigInt(Math.round(x)));

function Stats({ stats }: { stats: OperationStats | null }) {
  if (!stats)
    return (
      <td colSpan={5} className="muted">
        absent
      </td>
    );
  return (
    <>
      <td>{stats.count}</td>
      <td className={stats.errors > 0 ? 'error-text' : undefined}>{pct(stats.errorRate)}</td>
      <td className="mono">{ns(stats.p50Ns)}</td>
      <td className="mono">{ns(stats.p95Ns)}</td>
      <td className="mono">{ns(stats.p99Ns)}</td>
    </>
  );
}

function SetResults({ args }: { args: SetsArgs }) {
  const { data, error, isPending } = useQuery(setComparisonQuery(args));
  if (isPending) return <p className="muted">Comparing…</p>;
  if (error)
    return (
      <p className="error-text" role="alert">
        {error.message}
      </p>
    );
  return (
    <div data-testid="set-comparison">
      <p>
        Selection: {data.selection.traces} traces, {data.selection.spans} spans · Baseline: {data.baseline.traces} traces, {data.baseline.spans} spans
      </p>
      <h2>Attribute values that separate the selection</h2>
      <table className="data" data-testid="set-attributes">
        <thead>
          <tr>
            <th>Attribute</th>
            <th>Value</th>
            <th>Selection</th>
            <th>Baseline</th>
            <th>Difference</th>
          </tr>
        </thead>
        <tbody>
          {data.attributes.map((a) => (
            <tr key={`${a.scope}/${a.key}/${a.value}`}>
              <td className="mono">
                {a.scope === 'resource' ? 'resource.' : 'span.'}
                {a.key}
              </td>
              <td className="mono">{a.value}</td>
              <td>
                {pct(a.selectionShare)} ({a.selectionTraces})
              </td>
              <td>
                {pct(a.baselineShare)} ({a.baselineTraces})
              </td>
              <td>{pct(a.score)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Operations</h2>
      <table className="data" data-testid="set-operations">
        <thead>
          <tr>
            <th rowSpan={2}>Operation</th>
            <th colSpan={5}>Selection</th>
            <th colSpan={5}>Baseline</th>
          </tr>
          <tr>
            <th>Spans</th>
            <th>Errors</th>
            <th>p50</th>
            <th>p95</th>
            <th>p99</th>
            <th>Spans</th>
            <th>Errors</th>
            <th>p50</th>
            <th>p95</th>
            <th>p99</th>
          </tr>
        </thead>
        <tbody>
          {data.operations.map((o) => (
            <tr key={`${o.service}/${o.name}`} className={!o.selection || !o.baseline ? 'only-one-set' : undefined}>
              <td>
                <span className="muted">{o.service}</span> {o.name}
              </td>
              <Stats stats={o.selection} />
              <Stats stats={o.baseline} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
