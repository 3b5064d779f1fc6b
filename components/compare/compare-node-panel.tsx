'use client';
// Details of one aligned node of a pair diff (asked of the worker, which keeps the full diff).
import { useQuery } from '@tanstack/react-query';
import { compareNodeQuery } from '@/lib/client/compare-queries';
import { formatDurationNs } from '@/lib/domain/time/format-duration';

const ns = (value: number) => formatDurationNs(BigInt(Math.round(value)));

export function CompareNodePanel({ a, b, node }: { a: string; b: string; node: number }) {
  const { data } = useQuery(compareNodeQuery(a, b, node));
  if (node < 0) return <aside className="compare-node-panel muted">Select a row for its details.</aside>;
  if (!data) return <aside className="compare-node-panel muted">Loading…</aside>;
  return (
    <aside className="compare-node-panel" data-testid="compare-node-panel">
      <h2>
        <span className="muted">{data.service}</span> {data.name}
      </h2>
      <p>
        <span className="badge">{data.change}</span> {data.differences.join(', ')}
        {data.noise.length > 0 ? <span className="muted"> (noise: {data.noise.join(', ')})</span> : null}
      </p>
      <table className="data">
        <thead>
          <tr>
            <th />
            <th>A</th>
            <th>B</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Spans</td>
            <td>{data.count.a}</td>
            <td>{data.count.b}</td>
          </tr>
          <tr>
            <td>Errors</td>
            <td>{data.errors.a}</td>
            <td className={data.errors.b > data.errors.a ? 'error-text' : undefined}>{data.errors.b}</td>
          </tr>
          <tr>
            <td>Mean duration</td>
            <td>{ns(data.durationNs.a)}</td>
            <td>{ns(data.durationNs.b)}</td>
          </tr>
          <tr>
            <td>p95 duration</td>
            <td>{ns(data.p95DurationNs.a)}</td>
            <td>{ns(data.p95DurationNs.b)}</td>
          </tr>
          <tr>
            <td>Self time</td>
            <td>{ns(data.selfTimeNs.a)}</td>
            <td>{ns(data.selfTimeNs.b)}</td>
          </tr>
          <tr>
            <td>Critical path</td>
            <td>{data.onCriticalPath.a ? 'yes' : 'no'}</td>
            <td>{data.onCriticalPath.b ? 'yes' : 'no'}</td>
          </tr>
        </tbody>
      </table>
      {data.attributes.length > 0 ? (
        <table className="data" data-testid="compare-node-attributes">
          <thead>
            <tr>
              <th>Attribute</th>
              <th>A</th>
              <th>B</th>
            </tr>
          </thead>
          <tbody>
            {data.attributes.map((x) => (
              <tr key={x.key}>
                <td className="mono">{x.key}</td>
                <td className="mono">{x.a.join(', ')}</td>
                <td className="mono">{x.b.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="muted">{data.key}</p>
    </aside>
  );
}
