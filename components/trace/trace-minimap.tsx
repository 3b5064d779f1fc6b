'use client';
// Overview of the whole trace: a density image of every span (rows in pre-order top to bottom, time left to
// right) drawn on a canvas, with a d3 brush to choose the zoom window. The density is accumulated with one
// difference array per pixel row, so drawing 500k spans is O(spans + pixels), not O(spans × width).
import { brushX, select } from 'd3';
import { useEffect, useRef } from 'react';
import { RowFlag, type WaterfallData } from '@/lib/domain/waterfall/waterfall-data';
import type { Timeline } from './timeline';

const WIDTH = 1000;
const HEIGHT = 56;

export function TraceMinimap({ data, timeline, onWindow }: { data: WaterfallData; timeline: Timeline; onWindow(w: [number, number] | null): void }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [lo, hi] = timeline.full;
  const { start, end } = timeline;
  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (!ctx) return;
    let cancelled = false;
    const { tree } = data;
    const n = tree.nodeCount;
    const density = new Float32Array((WIDTH + 1) * HEIGHT);
    const errors = new Uint8Array(WIDTH * HEIGHT);
    const scale = WIDTH / (hi - lo);
    // Accumulate in slices of CHUNK spans, one slice per frame: at 500k spans a single pass would be a
    // long task right after first paint, when the user starts to scroll.
    const CHUNK = 50_000;
    const accumulate = (from: number) => {
      if (cancelled) return;
      const to = Math.min(n, from + CHUNK);
      for (let p = from; p < to; p++) {
        const node = tree.order[p]!;
        if (data.flags[node]! & RowFlag.PLACEHOLDER) continue;
        const y = Math.min(HEIGHT - 1, Math.floor((p / n) * HEIGHT));
        const x0 = Math.max(0, Math.min(WIDTH - 1, Math.floor((start[node]! - lo) * scale)));
        const x1 = Math.max(x0 + 1, Math.min(WIDTH, Math.ceil((end[node]! - lo) * scale)));
        density[y * (WIDTH + 1) + x0]! += 1;
        density[y * (WIDTH + 1) + x1]! -= 1;
        if (data.flags[node]! & RowFlag.ERROR) errors[y * WIDTH + x0] = 1;
      }
      if (to < n) requestAnimationFrame(() => accumulate(to));
      else paint();
    };
    const paint = () => {
      const image = ctx.createImageData(WIDTH, HEIGHT);
      const perRow = Math.max(1, n / HEIGHT);
      for (let y = 0; y < HEIGHT; y++) {
        let run = 0;
        for (let x = 0; x < WIDTH; x++) {
          run += density[y * (WIDTH + 1) + x]!;
          const alpha = run > 0 ? 60 + Math.min(195, (run / perRow) * 195) : 0;
          const at = (y * WIDTH + x) * 4;
          const err = errors[y * WIDTH + x] === 1;
          image.data[at] = err ? 240 : 120;
          image.data[at + 1] = err ? 84 : 160;
          image.data[at + 2] = err ? 92 : 220;
          image.data[at + 3] = err ? 255 : alpha;
        }
      }
      ctx.putImageData(image, 0, 0);
    };
    accumulate(0);
    return () => {
      cancelled = true;
    };
  }, [data, start, end, lo, hi]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const brush = brushX<unknown>()
      .extent([
        [0, 0],
        [WIDTH, HEIGHT],
      ])
      .on('end', (event: { selection: [number, number] | null; sourceEvent?: unknown }) => {
        if (!event.sourceEvent) return; // programmatic moves (restoring the URL window) must not loop
        if (!event.selection) return onWindow(null);
        const [a, b] = event.selection;
        onWindow([lo + (a / WIDTH) * (hi - lo), lo + (b / WIDTH) * (hi - lo)]);
      });
    const g = select(svg).select<SVGGElement>('g.brush');
    g.call(brush);
    const [v0, v1] = timeline.view;
    if (v0 > lo || v1 < hi) g.call(brush.move, [((v0 - lo) / (hi - lo)) * WIDTH, ((v1 - lo) / (hi - lo)) * WIDTH]);
    else g.call(brush.move, null);
    return () => {
      g.on('.brush', null);
    };
  }, [lo, hi, timeline.view, onWindow]);

  return (
    <div className="minimap" data-testid="minimap">
      <canvas ref={canvasRef} width={WIDTH} height={HEIGHT} />
      <svg ref={svgRef} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none">
        <g className="brush" />
      </svg>
    </div>
  );
}
