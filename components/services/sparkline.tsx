// A tiny line of counts per bucket; d3 computes the path, React draws it.
import { line, scaleLinear } from 'd3';

export function Sparkline({ values, width = 120, height = 24 }: { values: readonly number[]; width?: number; height?: number }) {
  const x = scaleLinear()
    .domain([0, Math.max(1, values.length - 1)])
    .range([1, width - 1]);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...values)])
    .range([height - 2, 2]);
  const d =
    line<number>()
      .x((_, i) => x(i))
      .y((v) => y(v))(values as number[]) ?? '';
  return (
    <svg className="sparkline" width={width} height={height} role="img" aria-label={`requests over time: ${values.join(', ')}`}>
      <path d={d} />
    </svg>
  );
}
