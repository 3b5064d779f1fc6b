// The replay runs list: every run with its target, who started it, and its totals.
import Link from 'next/link';
import type { ReplayRunSummary } from '@/lib/domain/replay/replay-run';

export function RunsTable({ runs }: { runs: ReplayRunSummary[] }) {
  if (runs.length === 0) return <p className="empty-state">No replay runs yet. Start one from a span&apos;s details on a trace page (Replay), or import a HAR file.</p>;
  return (
    <table className="data" data-testid="replay-runs">
      <thead>
        <tr>
          <th>Started</th>
          <th>Status</th>
          <th>Target</th>
          <th>By</th>
          <th>Requests</th>
          <th>Identical</th>
          <th>Differ</th>
          <th>New errors</th>
          <th>Unsafe skipped</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id}>
            <td>
              <Link href={`/replays/${r.id}`}>{new Date(r.createdAt).toLocaleString()}</Link>
            </td>
            <td className={r.status === 'refused' ? 'error-text' : ''}>{r.status}</td>
            <td>
              {r.targetName} <span className={`chip env-${r.environment}`}>{r.environment}</span>
            </td>
            <td>{r.createdBy}</td>
            <td>{r.totals.requests}</td>
            <td>{r.totals.identical}</td>
            <td>{r.totals.responseDiffers}</td>
            <td className={r.totals.newErrors > 0 ? 'error-text' : ''}>{r.totals.newErrors}</td>
            <td>{r.totals.skippedUnsafe}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
