// One stop condition's values over the run as a small SVG line chart with its threshold: the live view of
// "how close are we to aborting". Pure SVG from the points; d3 would add nothing for one polyline.
import type { CheckPoint } from '@/lib/domain/chaos/run-view';

const W = 320;
const H = 80;

export function CheckChart({ points, index, threshold, label }: { points: readonly CheckPoint[]; index: number; threshold: number; label: string }) {
  const series = points.map((p) => ({ t: Date.parse(p.at), v: p.values[index] ?? null })).filter((p): p is { t: number; v: number } => p.v !== null);
  if (series.length === 0) return <p className="muted">{label}: no values yet</p>;
  const t0 = series[0]!.t;
  const t1 = Math.max(series.at(-1)!.t, t0 + 1);
  const top = Math.max(threshold * 1.2, ...series.map((p) => p.v)) || 1;
  const x = (t: number) => ((t - t0) / (t1 - t0)) * W;
  const y = (v: number) => H - (v / top) * H;
  return (
    <figure className="check-chart">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${label} over time`}>
        <line x1={0} x2={W} y1={y(threshold)} y2={y(threshold)} className="check-threshold" />
        <polyline points={series.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')} className="check-line" />
        {/* The latest value as a dot, so a single check is visible too. */}
        <circle cx={x(series.at(-1)!.t)} cy={y(series.at(-1)!.v)} r={3} className="check-dot" />
      </svg>
      <figcaption className="muted">
        {label}: {series.at(-1)!.v.toFixed(3)} (threshold {threshold}, {series.length} checks)
      </figcaption>
    </figure>
  );
}
