'use client';
// Trace duration over time. d3 computes scales and ticks; React renders the SVG. Errors are drawn as red
// crosses-in-circles; dragging across the plot brushes a time range (onBrush with absolute ns); clicking a
// point opens the trace. x is milliseconds since the window start (a JS number is safe for offsets); its
// domain fits the plotted traces (scatter-time-domain.ts), and a legend names the two markers.
import { scaleLinear, scaleLog } from 'd3';
import { useMemo, useRef, useState, type PointerEvent } from 'react';
import { scatterTimeDomain } from '@/lib/domain/search/scatter-time-domain';
import { formatDurationNs } from '@/lib/domain/time/format-duration';
import { formatClock, zoneLabel } from '@/lib/domain/time/time-zone';
import { useTimeZone } from '@/lib/client/time/time-zone-preference';
import type { SearchHit } from '@/lib/client/search-api';

const WIDTH = 900;
const HEIGHT = 220;
const M = { top: 10, right: 16, bottom: 28, left: 64 };

interface Props {
  traces: readonly SearchHit[];
  fromNs: bigint;
  toNs: bigint;
  onBrush: (fromNs: bigint, toNs: bigint) => void;
  onOpen: (hit: SearchHit) => void;
}

export function DurationScatter({ traces, fromNs, toNs, onBrush, onOpen }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const zone = useTimeZone();
  const fromMs = Number(fromNs / 1_000_000n);
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  const spanMs = Number(toNs - fromNs) / 1e6;
  const { x, y, points, yTicks } = useMemo(() => {
    const durationsMs = traces.map((t) => Math.max(Number(BigInt(t.durationNs)) / 1e6, 0.001));
    const maxMs = Math.max(1, ...durationsMs);
    const minMs = Math.min(maxMs / 10, ...durationsMs);
    const startsMs = traces.map((t) => Number(BigInt(t.startUnixNano) - fromNs) / 1e6);
    const x = scaleLinear()
      .domain(scatterTimeDomain(startsMs, spanMs))
      .range([M.left, WIDTH - M.right]);
    const y = scaleLog()
      .domain([minMs, maxMs * 1.2])
      .range([HEIGHT - M.bottom, M.top])
      .clamp(true)
      .nice();
    const points = traces.map((t, i) => ({
      trace: t,
      cx: x(startsMs[i] as number),
      cy: y(durationsMs[i] as number),
    }));
    // A log scale's ticks are 1..9 × every decade; label decades only (or every few ticks within one decade).
    const all = y.ticks();
    const decades = all.filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9);
    const yTicks = decades.length >= 2 ? decades : all.filter((_, i) => i % Math.max(1, Math.ceil(all.length / 4)) === 0);
    return { x, y, points, yTicks };
  }, [traces, fromNs, spanMs]);

  const localX = (e: PointerEvent<SVGElement>) => {
    const rect = svgRef.current?.getBoundingClientRect();
    if (!rect) return 0;
    const px = ((e.clientX - rect.left) / rect.width) * WIDTH;
    return Math.min(Math.max(px, M.left), WIDTH - M.right);
  };

  const finishBrush = () => {
    if (drag && Math.abs(drag.x1 - drag.x0) > 4) {
      const [a, b] = [Math.min(drag.x0, drag.x1), Math.max(drag.x0, drag.x1)];
      const toOffset = (px: number) => BigInt(Math.round(x.invert(px) * 1e6));
      onBrush(fromNs + toOffset(a), fromNs + toOffset(b));
    }
    setDrag(null);
  };

  return (
    <svg
      ref={svgRef}
      className="scatter"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label="Trace duration over time"
      data-testid="duration-scatter"
      onPointerDown={(e) => {
        if ((e.target as Element).tagName === 'circle') return;
        const px = localX(e);
        setDrag({ x0: px, x1: px });
      }}
      onPointerMove={(e) => drag && setDrag({ ...drag, x1: localX(e) })}
      onPointerUp={finishBrush}
      onPointerLeave={finishBrush}
    >
      {yTicks.map((tick) => (
        <g key={`y${tick}`}>
          <line x1={M.left} x2={WIDTH - M.right} y1={y(tick)} y2={y(tick)} className="grid" />
          <text x={M.left - 6} y={y(tick)} className="axis" textAnchor="end" dominantBaseline="middle">
            {formatDurationNs(BigInt(Math.round(tick * 1e6)))}
          </text>
        </g>
      ))}
      {x.ticks(6).map((tick) => (
        <text key={`x${tick}`} x={x(tick)} y={HEIGHT - 8} className="axis" textAnchor="middle">
          {formatClock(fromMs + tick, zone)}
        </text>
      ))}
      {/* Which clock the time axis shows (UTC or local, the user's choice in the navigation bar). */}
      <text x={4} y={HEIGHT - 8} className="axis" data-testid="axis-zone">
        <title>{zoneLabel(zone, fromMs)}</title>
        {zone === 'utc' ? 'UTC' : 'local'}
      </text>
      <g className="scatter-legend" data-testid="scatter-legend" transform={`translate(${WIDTH - M.right - 150}, ${M.top + 6})`}>
        <circle cx={0} cy={0} r={4} className="point" />
        <text x={8} y={0} className="axis" dominantBaseline="middle">
          trace
        </text>
        <circle cx={60} cy={0} r={5} className="point point-error" />
        <text x={68} y={0} className="axis" dominantBaseline="middle">
          with errors
        </text>
      </g>
      {points.map(({ trace, cx, cy }) => (
        <circle
          key={trace.traceId}
          cx={cx}
          cy={cy}
          r={trace.errorCount > 0 ? 5 : 4}
          className={trace.errorCount > 0 ? 'point point-error' : 'point'}
          data-testid="scatter-point"
          data-trace-id={trace.traceId}
          onClick={() => onOpen(trace)}
        >
          <title>{`${trace.rootService ?? '?'}: ${trace.rootName ?? trace.traceId} — ${formatDurationNs(trace.durationNs)}${trace.errorCount > 0 ? ` — ${trace.errorCount} errors` : ''}`}</title>
        </circle>
      ))}
      {drag && <rect className="brush" x={Math.min(drag.x0, drag.x1)} width={Math.abs(drag.x1 - drag.x0)} y={M.top} height={HEIGHT - M.top - M.bottom} />}
    </svg>
  );
}
