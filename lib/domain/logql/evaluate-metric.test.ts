import { describe, expect, it } from 'vitest';
import { evaluateMetric, formatSample, type StepSeries } from './evaluate-metric';
import { parseLogqlExpr } from './parse-logql-expr';
import type { MetricExpr } from './logql-ast';

function metric(text: string): MetricExpr {
  const e = parseLogqlExpr(text);
  if (e.kind !== 'metric') throw new Error('not a metric');
  return e.expr;
}

// Three streams over 3 steps; `_` marks a step without lines.
//   {app=a, pod=1}:  2  _  4
//   {app=a, pod=2}:  1  3  _
//   {app=b, pod=1}:  5  5  5
const STREAMS: StepSeries[] = [
  { metric: { app: 'a', pod: '1' }, values: [2, undefined, 4] },
  { metric: { app: 'a', pod: '2' }, values: [1, 3, undefined] },
  { metric: { app: 'b', pod: '1' }, values: [5, 5, 5] },
];
const load = async () => STREAMS;

describe('evaluateMetric', () => {
  it("adds two vector literals (Grafana's health check) and scalars", async () => {
    expect(await evaluateMetric(metric('vector(1)+vector(1)'), 1, load)).toEqual({ kind: 'vector', series: [{ metric: {}, values: [2] }] });
    expect(await evaluateMetric(metric('2 ^ 3 - 1'), 2, load)).toEqual({ kind: 'scalar', values: [7, 7] });
  });

  it('aggregates by and without, skipping absent samples', async () => {
    const by = await evaluateMetric(metric('max by (app) (max_over_time({x="y"} | json | unwrap n [1m]) by (app, pod))'), 3, load);
    expect(by).toEqual({
      kind: 'vector',
      series: [
        { metric: { app: 'a' }, values: [2, 3, 4] },
        { metric: { app: 'b' }, values: [5, 5, 5] },
      ],
    });
    const without = await evaluateMetric(metric('avg without (app) (max_over_time({x="y"} | unwrap n [1m]))'), 3, load);
    expect(without).toEqual({
      kind: 'vector',
      series: [
        { metric: { pod: '1' }, values: [3.5, 5, 4.5] },
        { metric: { pod: '2' }, values: [1, 3, undefined] },
      ],
    });
    const count = await evaluateMetric(metric('count(max_over_time({x="y"} | unwrap n [1m]))'), 3, load);
    expect(count).toEqual({ kind: 'vector', series: [{ metric: {}, values: [3, 2, 2] }] });
  });

  it('pushes sum over an additive range function down to the loader with the grouping', async () => {
    const seen: unknown[] = [];
    await evaluateMetric(metric('sum by (level) (rate({x="y"}[1m]))'), 1, async (_r, g) => (seen.push(g), []));
    await evaluateMetric(metric('sum(count_over_time({x="y"}[1m]))'), 1, async (_r, g) => (seen.push(g), []));
    await evaluateMetric(metric('avg(count_over_time({x="y"}[1m]))'), 1, async (_r, g) => (seen.push(g), []));
    expect(seen).toEqual([{ without: false, labels: ['level'] }, { without: false, labels: [] }, null]);
  });

  it('keeps the k largest per step with topk, each with its own labels', async () => {
    const top = await evaluateMetric(metric('topk(1, max_over_time({x="y"} | unwrap n [1m]))'), 3, load);
    expect(top).toEqual({ kind: 'vector', series: [{ metric: { app: 'b', pod: '1' }, values: [5, 5, 5] }] });
    const bottom = await evaluateMetric(metric('bottomk(1, max_over_time({x="y"} | unwrap n [1m]))'), 3, load);
    expect(bottom).toEqual({
      kind: 'vector',
      series: [
        { metric: { app: 'a', pod: '1' }, values: [undefined, undefined, 4] },
        { metric: { app: 'a', pod: '2' }, values: [1, 3, undefined] },
      ],
    });
  });

  it('filters with comparisons, returns 0/1 with bool, and matches vectors on identical labels', async () => {
    const filtered = await evaluateMetric(metric('max_over_time({x="y"} | unwrap n [1m]) > 2'), 3, load);
    expect(filtered).toEqual({
      kind: 'vector',
      series: [
        { metric: { app: 'a', pod: '1' }, values: [undefined, undefined, 4] },
        { metric: { app: 'a', pod: '2' }, values: [undefined, 3, undefined] },
        { metric: { app: 'b', pod: '1' }, values: [5, 5, 5] },
      ],
    });
    const ratio = await evaluateMetric(metric('max_over_time({x="y"} | unwrap n [1m]) / max_over_time({x="y"} | unwrap n [1m]) * 100'), 3, load);
    expect(ratio.kind === 'vector' && ratio.series.map((s) => s.values)).toEqual([
      [100, undefined, 100],
      [100, 100, undefined],
      [100, 100, 100],
    ]);
  });

  it('formats samples as Loki does', () => {
    expect([formatSample(2), formatSample(0.5), formatSample(NaN), formatSample(Infinity), formatSample(-Infinity)]).toEqual(['2', '0.5', 'NaN', '+Inf', '-Inf']);
  });
});
