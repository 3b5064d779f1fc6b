'use client';
// Matching lines over time. d3 computes scales and ticks; React draws the SVG. Click-drag selects a range,
// which is reported (epoch ms) through onZoom; the page turns it into an absolute time range in the URL.
import { scaleLinear } from 'd3';
import { useEffect, useRef, useState } from 'react';
import type { LogHistogram } from '@/lib/domain/model/log-line';
import { formatClock, formatInstant, zoneLabel } from '@/lib/domain/time/time-zone';
import { useTimeZone } from '@/lib/client/time/time-zone-preference';

const HEIGHT = 120;
const PAD = { left: 40, right: 10, top: 8, bottom: 20 };

function nsToMs(ns: string): number {
  return Number(BigInt(ns) / 1_000_000n);
}

export function LogsHistogram({ histogram, onZoom }: { histogram: LogHistogram; onZoom: (startMs: number, endMs: number) => void }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const zone = useTimeZone();
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  // Drawn in CSS pixels at the element's real width, so text and bars are never stretched.
  const [WIDTH, setWidth] = useState(1000);
  useEffect(() => {
    const el = svgRef.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(200, Math.round(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const startMs = nsToMs(histogram.startUnixNano);
  const endMs = nsToMs(histogram.endUnixNano);
  const stepMs = Number(BigInt(histogram.stepNs)) / 1e6;
  const max = Math.max(1, ...histogram.buckets.map((b) => b.count));
  const x = scaleLinear()
    .domain([startMs, endMs])
    .range([PAD.left, WIDTH - PAD.right]);
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([HEIGHT - PAD.bottom, PAD.top]);
  const total = histogram.buckets.reduce((n, b) => n + b.count, 0);

  function svgX(event: React.PointerEvent): number {
    const rect = svgRef.current?.getBoundingClientRect();
    if (!rect) return 0;
    const px = ((event.clientX - rect.left) / rect.width) * WIDTH;
    return Math.min(WIDTH - PAD.right, Math.max(PAD.left, px));
  }

  return (
    <figure className="logs-histogram">
      <svg
        ref={svgRef}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Histogram of ${total} matching lines; drag to zoom`}
        data-testid="logs-histogram"
        onPointerDown={(e) => {
          (e.target as Element).setPointerCapture?.(e.pointerId);
          const px = svgX(e);
          setDrag({ x0: px, x1: px });
        }}
        onPointerMove={(e) => drag && setDrag({ ...drag, x1: svgX(e) })}
        onPointerUp={() => {
          if (drag && Math.abs(drag.x1 - drag.x0) > 4) {
            const a = x.invert(Math.min(drag.x0, drag.x1));
            const b = x.invert(Math.max(drag.x0, drag.x1));
            onZoom(a, b);
          }
          setDrag(null);
        }}
      >
        {y.ticks(3).map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} stroke="var(--border)" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize={10} fill="var(--muted)">
              {t}
            </text>
          </g>
        ))}
        {histogram.buckets.map((b) => {
          const s = nsToMs(b.startUnixNano);
          const x0 = x(s);
          const w = Math.max(1, x(s + stepMs) - x0 - 1);
          return (
            <rect key={b.startUnixNano} x={x0} width={w} y={y(b.count)} height={y(0) - y(b.count)} fill="var(--accent)">
              <title>{`${formatInstant(s, zone)} ${zoneLabel(zone, s)}: ${b.count}`}</title>
            </rect>
          );
        })}
        {x.ticks(6).map((t) => (
          <text key={t} x={x(t)} y={HEIGHT - 4} textAnchor="middle" fontSize={10} fill="var(--muted)">
            {formatClock(t, zone)}
          </text>
        ))}
        <text x={2} y={HEIGHT - 4} fontSize={10} fill="var(--muted)" data-testid="axis-zone">
          <title>{zoneLabel(zone, Date.now())}</title>
          {zone === 'utc' ? 'UTC' : 'local'}
        </text>
        {drag && (
          <rect
            data-testid="histogram-selection"
            x={Math.min(drag.x0, drag.x1)}
            width={Math.abs(drag.x1 - drag.x0)}
            y={PAD.top}
            height={HEIGHT - PAD.top - PAD.bottom}
            fill="rgba(245,165,36,0.2)"
            stroke="var(--accent)"
          />
        )}
      </svg>
      <figcaption className="muted">{total} matching lines · drag across the chart to zoom</figcaption>
    </figure>
  );
}
