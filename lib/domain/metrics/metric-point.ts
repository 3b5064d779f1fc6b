// One stored OTLP metric data point (issue 20): gauges and sums keep their number in `value`; histograms
// (explicit and exponential) and summaries keep their distribution in `data`, in the shapes below.
import type { Attributes } from '../model/any-value';

export type MetricKind = 'gauge' | 'sum' | 'histogram' | 'exponential_histogram' | 'summary';

export interface MetricExemplar {
  timeUnixNano: string;
  value: number;
  /** Lowercase hex, '' when the exemplar has no trace. */
  traceId: string;
  spanId: string;
  attributes: Attributes;
}

export interface HistogramData {
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  explicitBounds: number[];
  bucketCounts: number[];
}

export interface ExponentialBucketsData {
  offset: number;
  bucketCounts: number[];
}

export interface ExponentialHistogramData {
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  scale: number;
  zeroCount: number;
  zeroThreshold: number;
  positive: ExponentialBucketsData;
  negative: ExponentialBucketsData;
}

export interface SummaryData {
  count: number;
  sum: number;
  quantileValues: { quantile: number; value: number }[];
}

export type MetricData = HistogramData | ExponentialHistogramData | SummaryData;

export interface MetricPoint {
  tenant: string;
  serviceName: string;
  name: string;
  kind: MetricKind;
  unit: string;
  description: string;
  /** 1 = delta, 2 = cumulative, 0 = unspecified (gauges, summaries). */
  temporality: number;
  monotonic: boolean;
  timeUnixNano: bigint;
  startTimeUnixNano: bigint;
  attributes: Attributes;
  /** Gauge and sum points only. */
  value: number | null;
  /** Histogram, exponential histogram and summary points only. */
  data: MetricData | null;
  exemplars: MetricExemplar[];
}
