'use client';
// The service map: a d3-force layout computed synchronously (fixed tick count, so it settles before
// paint and React owns every element). Node area ∝ span volume; edge colour from green (no errors) to red
// (≥ 20 % errors), width by call volume; cycle edges dashed, cycle nodes outlined red. Hover shows the
// edge's p50/p99; clicking a node or edge asks the caller to open a search.
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, scaleLinear, scaleSqrt, type SimulationNodeDatum } from 'd3';
import { useMemo, useState } from 'react';
import type { ServiceMapEdge, ServiceMapNode } from '@/lib/domain/services/service-map';
import { formatDurationNs } from '@/lib/domain/time/format-duration';

const WIDTH = 900;
const HEIGHT = 460;

interface LaidNode extends SimulationNodeDatum {
  node: ServiceMapNode;
  x: number;
  y: number;
  r: number;
}

interface Props {
  nodes: readonly ServiceMapNode[];
  edges: readonly ServiceMapEdge[];
  onNode: (service: string) => void;
  onEdge: (edge: ServiceMapEdge) => void;
}

const errorColour = scaleLinear<string>().domain([0, 0.05, 0.2]).range(['#3ccf91', '#f5a524', '#f0545c']).clamp(true);

export function ServiceMapGraph({ nodes, edges, onNode, onEdge }: Props) {
  const [hover, setHover] = useState<string | null>(null);
  const layout = useMemo(() => {
    const radius = scaleSqrt()
      .domain([0, Math.max(1, ...nodes.map((n) => n.spans))])
      .range([8, 34]);
    const laid: LaidNode[] = nodes.map((node, i) => ({
      node,
      r: radius(node.spans),
      // Deterministic start on a circle, so the same data gives the same picture.
      x: WIDTH / 2 + 200 * Math.cos((2 * Math.PI * i) / Math.max(1, nodes.length)),
      y: HEIGHT / 2 + 150 * Math.sin((2 * Math.PI * i) / Math.max(1, nodes.length)),
    }));
    const byName = new Map(laid.map((n) => [n.node.service, n]));
    const links = edges.filter((e) => byName.has(e.parent) && byName.has(e.child)).map((e) => ({ source: e.parent, target: e.child }));
    const simulation = forceSimulation(laid)
      .force(
        'link',
        forceLink<LaidNode, { source: string; target: string }>(links)
          .id((d) => d.node.service)
          .distance(170)
          .strength(0.3),
      )
      .force('charge', forceManyBody().strength(-1200))
      .force(
        'collide',
        forceCollide<LaidNode>((d) => d.r + 24),
      )
      .force('center', forceCenter(WIDTH / 2, HEIGHT / 2))
      .stop();
    for (let i = 0; i < 300; i++) simulation.tick();
    for (const n of laid) {
      n.x = Math.min(Math.max(n.x, n.r + 40), WIDTH - n.r - 40);
      n.y = Math.min(Math.max(n.y, n.r + 20), HEIGHT - n.r - 20);
    }
    const width = scaleLinear()
      .domain([0, Math.max(1, ...edges.map((e) => e.calls))])
      .range([1.5, 7]);
    return { byName, laid, width };
  }, [nodes, edges]);

  const hovered = edges.find((e) => `${e.parent}→${e.child}` === hover);

  return (
    <div>
      <svg className="service-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Service map" data-testid="service-map">
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#9aa3b2" />
          </marker>
        </defs>
        {edges.map((e) => {
          const a = layout.byName.get(e.parent);
          const b = layout.byName.get(e.child);
          if (!a || !b) return null;
          const key = `${e.parent}→${e.child}`;
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          const len = Math.max(1, Math.hypot(dx, dy));
          // Curved so that a ⇄ b pairs (cycles) draw as two distinct arcs; ends stop at the circles' edges.
          const [x1, y1] = [a.x + (dx / len) * a.r, a.y + (dy / len) * a.r];
          const [x2, y2] = [b.x - (dx / len) * (b.r + 4), b.y - (dy / len) * (b.r + 4)];
          const [mx, my] = [(x1 + x2) / 2 - (dy / len) * 24, (y1 + y2) / 2 + (dx / len) * 24];
          const d = e.parent === e.child ? `M ${a.x} ${a.y - a.r} c 40 -60 80 0 ${a.r} ${a.r}` : `M ${x1} ${y1} Q ${mx} ${my} ${x2} ${y2}`;
          // Midpoint of the quadratic curve (t = 0.5): a visible handle that is easy to hover and click.
          const [hx, hy] = e.parent === e.child ? [a.x + a.r, a.y - a.r - 10] : [0.25 * x1 + 0.5 * mx + 0.25 * x2, 0.25 * y1 + 0.5 * my + 0.25 * y2];
          const colour = errorColour(e.calls > 0 ? e.errors / e.calls : 0);
          const title = `${key}: ${e.calls} calls, ${e.errors} errors, p50 ${formatDurationNs(e.p50Ns)}, p99 ${formatDurationNs(e.p99Ns)}`;
          return (
            <g
              key={key}
              className={e.inCycle ? 'edge in-cycle' : 'edge'}
              data-testid="service-edge"
              data-edge={key}
              onMouseEnter={() => setHover(key)}
              onMouseLeave={() => setHover(null)}
              onClick={() => onEdge(e)}
            >
              <path d={d} stroke={colour} strokeWidth={hover === key ? layout.width(e.calls) + 2 : layout.width(e.calls)} markerEnd="url(#arrow)">
                <title>{title}</title>
              </path>
              {/* A wide transparent stroke so thin edges are easy to hit. */}
              <path d={d} stroke="transparent" strokeWidth={14} />
              <circle cx={hx} cy={hy} r={5} fill={colour} className="edge-handle" data-testid="edge-handle">
                <title>{title}</title>
              </circle>
            </g>
          );
        })}
        {layout.laid.map((n) => (
          <g
            key={n.node.service}
            className={n.node.inCycle ? 'node in-cycle' : 'node'}
            transform={`translate(${n.x},${n.y})`}
            data-testid="service-node"
            data-service={n.node.service}
            onClick={() => onNode(n.node.service)}
          >
            <circle r={n.r}>
              <title>{`${n.node.service}: ${n.node.spans} spans, ${n.node.errors} errors`}</title>
            </circle>
            <text y={n.r + 14} textAnchor="middle">
              {n.node.service}
            </text>
          </g>
        ))}
      </svg>
      <div className="service-tooltip" data-testid="edge-details">
        {hovered
          ? `${hovered.parent} → ${hovered.child}: ${hovered.calls} calls · ${((hovered.errors / Math.max(1, hovered.calls)) * 100).toFixed(1)}% errors · p50 ${formatDurationNs(hovered.p50Ns)} · p99 ${formatDurationNs(hovered.p99Ns)}`
          : 'Hover an edge for its latency; click a node or edge to search its traces.'}
      </div>
    </div>
  );
}
