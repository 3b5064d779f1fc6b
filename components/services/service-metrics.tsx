'use client';
// A service's OTLP metrics on the services page: choose a service (with spans or metrics in the range) and one of its metrics, see each series
// (one per attribute set) over the page's time range — values for gauges and sums, the mean for histograms
// and summaries — with exemplars as dots linking to their traces. Attribute text is rendered as text only.
import { useQuery } from '@tanstack/react-query';
import { extent, line, scaleLinear } from 'd3';
import { useState } from 'react';
import { metricListQuery, metricSeriesQuery } from '@/lib/client/metrics-api';
import { anyValueToText } from '@/lib/domain/model/any-value';
import { chartValue, type MetricSeries } from '@/lib/domain/metrics/metric-series';

const WIDTH = 640;
const HEIGHT = 180;
const PAD = 28;
const COLORS = ['#2f6fde', '#d9622b', '#2e9e5b', '#9b4fd1', '#c9a227', '#d13f6a'];

const ms = (ns: string) => Number(BigInt(ns) / 1_000_000n);

function seriesLabel(s: MetricSeries): string {
  const parts = Object.entries(s.attributes).map(([k, v]) => `${k}=${anyValueToText(v)}`);
  return parts.length ? parts.join(', ') : '(no attributes)';
}

function MetricChart({ series, fromNs, toNs }: { series: MetricSeries[]; fromNs: string; toNs: string }) {
  const values = series.flatMap((s) => s.points.map(chartValue).filter((v): v is number => v !== null));
  const [lo, hi] = extent(values) as [number | undefined, number | undefined];
  const x = scaleLinear()
    .domain([ms(fromNs), ms(toNs)])
    .range([PAD, WIDTH - 8]);
  const y = scaleLinear()
    .domain([Math.min(0, lo ?? 0), hi === undefined || hi === lo ? (hi ?? 0) + 1 : hi])
    .nice()
    .range([HEIGHT - PAD, 8]);
  return (
    <div>
      <svg width={WIDTH} height={HEIGHT} role="img" aria-label="metric chart" data-testid="metric-chart">
        <line x1={PAD} x2={WIDTH - 8} y1={HEIGHT - PAD} y2={HEIGHT - PAD} stroke="currentColor" opacity={0.3} />
        <text x={2} y={14} fontSize={10}>
          {y.domain()[1]}
        </text>
        <text x={2} y={HEIGHT - PAD} fontSize={10}>
          {y.domain()[0]}
        </text>
        {series.map((s, i) => {
          const points = s.points.map((p) => ({ t: ms(p.timeUnixNano), v: chartValue(p) })).filter((p): p is { t: number; v: number } => p.v !== null);
          const d =
            line<{ t: number; v: number }>()
              .x((p) => x(p.t))
              .y((p) => y(p.v))(points) ?? '';
          const color = COLORS[i % COLORS.length];
          return (
            <g key={i}>
              <path d={d} fill="none" stroke={color} strokeWidth={1.5} />
              {points.length === 1 && <circle cx={x(points[0]!.t)} cy={y(points[0]!.v)} r={2.5} fill={color} />}
              {s.points.flatMap((p) =>
                p.exemplars
                  .filter((e) => e.traceId !== '')
                  .map((e) => (
                    <a key={`${e.traceId}-${e.spanId}-${e.timeUnixNano}`} href={`/traces/${e.traceId}`} data-testid="metric-exemplar">
                      <title>{`exemplar ${e.value} — trace ${e.traceId}`}</title>
                      <circle cx={x(ms(e.timeUnixNano))} cy={y(e.value)} r={5} fill={color} fillOpacity={0.3} stroke={color} strokeWidth={2} />
                    </a>
                  )),
              )}
            </g>
          );
        })}
      </svg>
      <ul className="metric-legend">
        {series.map((s, i) => (
          <li key={i} style={{ color: COLORS[i % COLORS.length] }}>
            <span>{seriesLabel(s)}</span>{' '}
            <span className="muted">
              ({s.points.length} {s.points.length === 1 ? 'point' : 'points'})
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ServiceMetrics({ spanServices, fromNs, toNs }: { spanServices: string[]; fromNs: string; toNs: string }) {
  // Services that sent only metrics are choosable too: the services of every metric in the range.
  const all = useQuery(metricListQuery({ service: '', fromNs, toNs }));
  const services = [...new Set([...spanServices, ...(all.data?.metrics.flatMap((m) => m.services) ?? [])])].sort();
  const [chosenService, setService] = useState<string | null>(null);
  const [chosenName, setName] = useState<string | null>(null);
  const service = chosenService ?? services[0] ?? '';
  const list = useQuery({ ...metricListQuery({ service, fromNs, toNs }), enabled: service !== '' });
  const name = chosenName ?? list.data?.metrics[0]?.name ?? '';
  const series = useQuery({ ...metricSeriesQuery({ service, name, fromNs, toNs }), enabled: service !== '' && name !== '' });
  const metric = list.data?.metrics.find((m) => m.name === name);
  if (services.length === 0) return null;
  return (
    <section className="service-metrics" data-testid="service-metrics">
      <h2>Metrics</h2>
      <div className="query-bar">
        <label>
          Service{' '}
          <select
            value={service}
            onChange={(e) => {
              setService(e.target.value);
              setName(null);
            }}
            aria-label="metrics service"
          >
            {services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        {list.data && list.data.metrics.length > 0 && (
          <label>
            Metric{' '}
            <select value={name} onChange={(e) => setName(e.target.value)} aria-label="metric">
              {list.data.metrics.map((m) => (
                <option key={`${m.name}/${m.kind}/${m.unit}`} value={m.name}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {list.error && <div className="error-text">{String(list.error)}</div>}
      {list.data && list.data.metrics.length === 0 && <p className="muted">No metrics from this service in this time range.</p>}
      {metric && (
        <p className="muted" data-testid="metric-description">
          {metric.kind}
          {metric.unit ? ` · ${metric.unit}` : ''}
          {metric.description ? ` · ${metric.description}` : ''}
          {metric.kind === 'histogram' || metric.kind === 'exponential_histogram' || metric.kind === 'summary' ? ' · mean per point' : ''}
        </p>
      )}
      {series.error && <div className="error-text">{String(series.error)}</div>}
      {series.data && <MetricChart series={series.data.series} fromNs={fromNs} toNs={toNs} />}
      {series.data?.truncated && <p className="muted">Only the first points are shown; narrow the range.</p>}
    </section>
  );
}
