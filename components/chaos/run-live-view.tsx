'use client';
// A run as it happens: status, the Halt button, stop conditions as last evaluated, indicators before / during
// / after, the per-operation comparison, faulted vs clean traces (links) and the journal. Polls every 2 s
// while the run is active. All text from spans (operation names) is rendered as text.
import Link from 'next/link';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isActiveStatus } from '@/lib/domain/chaos/run-view';
import { runSetComparison } from '@/lib/domain/chaos/run-set-comparison';
import { comparePairHref, compareSetsHref } from '@/lib/client/compare-url-state';
import { CheckChart } from './check-chart';
import { chaosKeys, fetchRun, haltRunRequest, type RunResultBody } from '@/lib/client/chaos-api';

const fmt = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(digits));

export function RunLiveView({ initial, canHalt }: { initial: RunResultBody; canHalt: boolean }) {
  const client = useQueryClient();
  const { data: run } = useQuery({
    queryKey: chaosKeys.run(initial.id),
    queryFn: () => fetchRun(initial.id),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isActiveStatus(query.state.data.status) ? 2_000 : false),
  });
  const [haltError, setHaltError] = useState<string | null>(null);
  const active = isActiveStatus(run.status);
  const halt = async () => {
    setHaltError(null);
    try {
      await haltRunRequest(run.id);
    } catch (error) {
      setHaltError((error as Error).message);
    }
    await client.invalidateQueries({ queryKey: chaosKeys.run(run.id) });
  };
  const indicators = run.definition.hypothesis.indicators;
  return (
    <div className="chaos-run" data-status={run.status}>
      <h1>
        {run.definition.name} <span className={`chip chaos-status-${run.status}`}>{run.status}</span>
        {run.dryRun && <span className="chip chip-meta">dry run</span>}
      </h1>
      <p className="muted">
        Started by {run.startedBy} at {run.createdAt.slice(0, 19).replace('T', ' ')} · {run.definition.durationSeconds}s · {run.traces.faultedRequests} faulted requests
      </p>
      {active && canHalt && (
        <button type="button" className="halt-button" onClick={halt}>
          HALT — revert every fault now
        </button>
      )}
      {haltError && <p className="error-text">{haltError}</p>}
      {run.abortReason && <p className="error-text">Aborted: {run.abortReason}</p>}
      <p>
        Report: <a href={`/api/chaos/runs/${run.id}/report?format=md`}>Markdown</a> · <a href={`/api/chaos/runs/${run.id}/report?format=json`}>JSON</a>
      </p>
      {run.verdict && (
        <p>
          <strong>Verdict:</strong> {run.verdict}
        </p>
      )}

      <h2>Steady-state indicators</h2>
      <table className="data">
        <thead>
          <tr>
            <th>Indicator</th>
            <th>Bounds</th>
            <th>Before</th>
            <th>During</th>
            <th>After</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((indicator, i) => (
            <tr key={i}>
              <td>
                {indicator.name}{' '}
                <span className="muted">
                  {indicator.metric} of {indicator.selection}
                </span>
              </td>
              <td>{[indicator.min !== undefined ? `≥ ${indicator.min}` : null, indicator.max !== undefined ? `≤ ${indicator.max}` : null].filter(Boolean).join(', ') || '—'}</td>
              {(['before', 'during', 'after'] as const).map((phase) => (
                <td key={phase}>
                  {fmt(run.indicators[phase]?.[i]?.value)} <span className="muted">({run.indicators[phase]?.[i]?.spans ?? 0} spans)</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Stop conditions</h2>
      <table className="data">
        <tbody>
          {run.definition.stopConditions.map((condition, i) => {
            const value = run.lastCheck?.values[i];
            return (
              <tr key={i} className={value?.breached ? 'error-text' : undefined}>
                <td>{condition.name}</td>
                <td>
                  {condition.metric} {condition.operator} {condition.threshold} over {condition.windowSeconds}s
                </td>
                <td>{value ? `${fmt(value.value)} (${value.spans} spans)${value.breached ? ' — breached' : ''}` : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <div className="check-charts">
        {run.definition.stopConditions.map((condition, i) => (
          <CheckChart key={i} points={run.checks} index={i} threshold={condition.threshold} label={condition.name} />
        ))}
      </div>

      <h2>Faults</h2>
      <ul>
        {run.definition.method.map((step, i) => {
          const applied = run.faults.find((f) => f.index === i);
          return (
            <li key={i}>
              {step.fault.type} on {step.agent}/{step.route} from +{step.startOffsetSeconds}s{' '}
              <span className="muted">{applied ? (applied.error ? `error: ${applied.error}` : applied.revertedAt ? 'reverted' : 'active') : 'not applied'}</span>
            </li>
          );
        })}
      </ul>

      <h2>Findings in faulted vs clean traces</h2>
      {run.findings.length === 0 ? (
        <p className="muted">No findings in the sampled traces.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Finding</th>
              <th>Faulted traces</th>
              <th>Clean traces</th>
              <th>Example</th>
            </tr>
          </thead>
          <tbody>
            {run.findings.map((f) => (
              <tr key={f.type} data-finding={f.type}>
                <td>
                  {f.type} {f.onlyFaulted && <span className="chip">only under the fault</span>}
                </td>
                <td>{f.faultedTraces}</td>
                <td>{f.cleanTraces}</td>
                <td>{f.example ? <Link href={`/traces/${f.example.traceId}`}>{f.example.summary}</Link> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Operations before vs during</h2>
      <table className="data">
        <thead>
          <tr>
            <th>Operation</th>
            <th>Count</th>
            <th>Error rate</th>
            <th>p95 (ms)</th>
          </tr>
        </thead>
        <tbody>
          {run.comparison.slice(0, 30).map((op) => (
            <tr key={`${op.service}\u0000${op.name}`}>
              <td>
                {op.service}: {op.name} {op.onlyDuring && <span className="chip">only under the fault</span>}
              </td>
              <td>
                {op.before?.count ?? 0} → {op.during?.count ?? 0}
              </td>
              <td>
                {fmt(op.before?.errorRate)} → {fmt(op.during?.errorRate)}
              </td>
              <td>
                {fmt(op.before?.p95Ms, 1)} → {fmt(op.during?.p95Ms, 1)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <RunCompareLinks run={run} />

      <div className="chaos-columns">
        <div>
          <h2>Faulted traces ({run.traces.faulted.length})</h2>
          <TraceLinks ids={run.traces.faulted} />
        </div>
        <div>
          <h2>Clean traces, same routes ({run.traces.clean.length})</h2>
          <TraceLinks ids={run.traces.clean} />
        </div>
      </div>

      <h2>Journal</h2>
      <ol className="chaos-journal">
        {run.journal.map((entry, i) => (
          <li key={i}>
            <span className="muted">{entry.at.slice(11, 23)}</span> {entry.step} <span className={entry.status === 'failed' ? 'error-text' : 'muted'}>{entry.status}</span>
            <details>
              <summary>output</summary>
              <pre>{JSON.stringify(entry.output, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Entry points to /compare (issue #16): a faulted trace against a clean one, and the faulted set against the baseline window. */
function RunCompareLinks({ run }: { run: RunResultBody }) {
  const sets = runSetComparison(run);
  const [faulted] = run.traces.faulted;
  const [clean] = run.traces.clean;
  if (!sets && !(faulted && clean)) return null;
  return (
    <p className="chaos-compare" data-testid="run-compare">
      Compare: {faulted && clean && <Link href={comparePairHref(clean, faulted)}>a clean trace with a faulted one</Link>}
      {faulted && clean && sets && ' · '}
      {sets && <Link href={compareSetsHref(sets)}>the faulted traces with the baseline window</Link>}
    </p>
  );
}

function TraceLinks({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return <p className="muted">none</p>;
  return (
    <ul className="chaos-list">
      {ids.slice(0, 20).map((id) => (
        <li key={id}>
          <Link href={`/traces/${id}`}>
            <code>{id}</code>
          </Link>
        </li>
      ))}
    </ul>
  );
}
