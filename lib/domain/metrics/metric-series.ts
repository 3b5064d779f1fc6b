// The shapes GET /api/metrics answers with (shared by the server's reads and the services page's chart).
import type { Attributes } from '../model/any-value';
import type { MetricData, MetricExemplar, MetricKind } from './metric-point';

export interface MetricSummary {
  name: string;
  kind: MetricKind;
  unit: string;
  description: string;
  services: string[];
  points: number;
}

export interface MetricSeriesPoint {
  timeUnixNano: string;
  startTimeUnixNano: string;
  value: number | null;
  data: MetricData | null;
  exemplars: MetricExemplar[];
}

export interface MetricSeries {
  service: string;
  kind: MetricKind;
  unit: string;
  temporality: number;
  monotonic: boolean;
  attributes: Attributes;
  points: MetricSeriesPoint[];
}

/** The number a chart draws for a point: the value of gauges and sums, the mean of distributions. */
export function chartValue(point: MetricSeriesPoint): number | null {
  if (point.value !== null) return Number.isFinite(point.value) ? point.value : null;
  const data = point.data;
  if (!data || data.count === 0 || data.sum === null) return null;
  return data.sum / data.count;
}
