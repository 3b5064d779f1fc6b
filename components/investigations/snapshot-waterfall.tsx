// A pinned snapshot's spans as a static waterfall: rows in start order with depth indentation, bars placed by
// raw time relative to the earliest span (bigint ns until they become percentages). Everything is text.
import type { TracePayload } from '@/lib/domain/model/trace-payload';
import { formatDurationNs } from '@/lib/domain/time/format-duration';

export function SnapshotWaterfall({ trace }: { trace: TracePayload }) {
  const spans = trace.spans;
  if (spans.length === 0) return <p className="muted">The snapshot holds no spans.</p>;
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const depthOf = (id: string): number => {
    let depth = 0;
    for (let s = byId.get(id); s?.parentSpanId && byId.has(s.parentSpanId) && depth < 32; s = byId.get(s.parentSpanId)) depth++;
    return depth;
  };
  let min = BigInt(spans[0]!.startTimeUnixNano);
  let max = BigInt(spans[0]!.endTimeUnixNano);
  for (const s of spans) {
    if (BigInt(s.startTimeUnixNano) < min) min = BigInt(s.startTimeUnixNano);
    if (BigInt(s.endTimeUnixNano) > max) max = BigInt(s.endTimeUnixNano);
  }
  const total = max > min ? max - min : 1n;
  const pct = (ns: bigint) => Number(((ns - min) * 10_000n) / total) / 100;
  return (
    <table className="data snapshot-waterfall" data-testid="snapshot-waterfall">
      <thead>
        <tr>
          <th>Span</th>
          <th>Duration</th>
          <th style={{ width: '50%' }}>Timeline</th>
        </tr>
      </thead>
      <tbody>
        {spans.map((s) => {
          const start = pct(BigInt(s.startTimeUnixNano));
          const width = Math.max(0.3, pct(BigInt(s.endTimeUnixNano)) - start);
          return (
            <tr key={s.spanId} data-span-id={s.spanId}>
              <td style={{ paddingLeft: 10 + depthOf(s.spanId) * 12 }}>
                <span className="muted">{trace.resources[s.resourceIndex]?.serviceName ?? '?'}</span> {s.name}
                {s.statusCode === 2 ? <span className="error-text"> error</span> : null}
              </td>
              <td>{formatDurationNs(BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano))}</td>
              <td>
                <div style={{ position: 'relative', height: 10 }}>
                  <div style={{ position: 'absolute', left: `${start}%`, width: `${width}%`, height: 10, background: s.statusCode === 2 ? 'var(--error)' : 'var(--accent)' }} />
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
