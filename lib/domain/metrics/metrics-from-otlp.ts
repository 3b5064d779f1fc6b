// OTLP metrics export bodies → MetricPoint[] for one tenant (issue 20). Both encodings are walked as the
// OTLP JSON mapping: a JSON body as parsed, a protobuf body as protobufjs's plain object (int64 → decimal
// strings, bytes → base64). The only difference is the exemplars' trace and span ids (hex in JSON, base64
// in the protobuf object). A body of the wrong structure is an OtlpDecodeError (400); a point without a
// time, a metric without a name, or an exemplar id of the wrong length rejects that point (partialSuccess).
import type { Attributes } from '../model/any-value';
import { isValidSpanId, isValidTraceId } from '../model/ids';
import { DEFAULT_STORAGE_LIMITS, Storable, type StorageLimits } from '../model/storable';
import { attributesFromOtlpJson } from '../otlp/decode-otlp-json';
import { hexOfBytes } from '../otlp/hex';
import { Rejections } from '../otlp/otlp-rejections';
import { MAX_INT8, serviceNameOf } from '../otlp/spans-from-otlp';
import type { ExponentialBucketsData, MetricExemplar, MetricKind, MetricPoint } from './metric-point';
import { jsonFieldReaders, type Json } from '../otlp/json-field-readers';
import { windowProblem, type IngestWindow } from '../model/ingest-window';

const readers = jsonFieldReaders('OTLP metrics');
// Annotated, so the compiler knows code after a fail(...) call is unreachable.
const fail: (path: string, why: string) => never = readers.fail;
const { obj, arr, str, int64 } = readers;

export type IdEncoding = 'hex' | 'base64';

export interface MetricsFromOtlp {
  points: MetricPoint[];
  rejected: number;
  errorMessage: string;
}

/** A double: JSON numbers, or the strings protobuf JSON uses ("NaN", "Infinity", "1.5"). */
function num(value: unknown, path: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (value === 'NaN') return Number.NaN;
  return fail(path, 'expected a number');
}

/** Counts are JS numbers: exact up to 2^53, more than any real histogram holds. */
const count = (value: unknown, path: string): number => Number(int64(value, path));

const TEMPORALITY: Record<string, number> = {
  AGGREGATION_TEMPORALITY_UNSPECIFIED: 0,
  AGGREGATION_TEMPORALITY_DELTA: 1,
  AGGREGATION_TEMPORALITY_CUMULATIVE: 2,
};

function temporality(value: unknown, path: string): number {
  if (typeof value === 'string' && value in TEMPORALITY) return TEMPORALITY[value] as number;
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(path, 'expected an enum integer');
  return value;
}

function base64ToHex(value: string): string {
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return hexOfBytes(bytes);
}

function idOf(value: unknown, path: string, encoding: IdEncoding): string {
  const s = str(value, path);
  if (s === '') return '';
  if (encoding === 'hex') return s.toLowerCase();
  try {
    return base64ToHex(s);
  } catch {
    return fail(path, 'expected base64 bytes');
  }
}

/** The point's value: asDouble or asInt (int64 as a number). */
function numberValue(p: Json, path: string): number | null {
  if ('asDouble' in p && p.asDouble !== undefined && p.asDouble !== null) return num(p.asDouble, `${path}.asDouble`);
  if ('asInt' in p && p.asInt !== undefined && p.asInt !== null) return Number(int64(p.asInt, `${path}.asInt`));
  return null;
}

function buckets(value: unknown, path: string): ExponentialBucketsData {
  const b = obj(value, path);
  return {
    offset: Number(int64(b.offset, `${path}.offset`)),
    bucketCounts: arr(b.bucketCounts, `${path}.bucketCounts`).map((c, i) => count(c, `${path}.bucketCounts[${i}]`)),
  };
}

interface MetricShape {
  kind: MetricKind;
  body: Json;
  path: string;
}

function shapeOf(metric: Json, path: string): MetricShape | null {
  const kinds: [MetricKind, string][] = [
    ['gauge', 'gauge'],
    ['sum', 'sum'],
    ['histogram', 'histogram'],
    ['exponential_histogram', 'exponentialHistogram'],
    ['summary', 'summary'],
  ];
  for (const [kind, field] of kinds) {
    if (metric[field] !== undefined && metric[field] !== null) return { kind, body: obj(metric[field], `${path}.${field}`), path: `${path}.${field}` };
  }
  return null;
}

export function metricsFromOtlp(body: unknown, encoding: IdEncoding, tenant: string, limits: StorageLimits = DEFAULT_STORAGE_LIMITS, window?: IngestWindow): MetricsFromOtlp {
  const points: MetricPoint[] = [];
  const rejections = new Rejections();
  const clean = new Storable(limits);
  const root = obj(body, '$');
  arr(root.resourceMetrics, 'resourceMetrics').forEach((rmValue, ri) => {
    const rp = `resourceMetrics[${ri}]`;
    const rm = obj(rmValue, rp);
    const resource = attributesFromOtlpJson(obj(rm.resource, `${rp}.resource`).attributes, `${rp}.resource.attributes`);
    const serviceName = clean.name(serviceNameOf(resource), 'service.name', []);
    arr(rm.scopeMetrics, `${rp}.scopeMetrics`).forEach((smValue, si) => {
      const sp = `${rp}.scopeMetrics[${si}]`;
      arr(obj(smValue, sp).metrics, `${sp}.metrics`).forEach((mValue, mi) => {
        const mp = `${sp}.metrics[${mi}]`;
        const metric = obj(mValue, mp);
        const shape = shapeOf(metric, mp);
        if (!shape) return; // a metric without data: nothing to store, nothing to reject
        const dataPoints = arr(shape.body.dataPoints, `${shape.path}.dataPoints`);
        const name = clean.name(str(metric.name, `${mp}.name`), 'metric.name', []);
        if (name === '') {
          for (let i = 0; i < dataPoints.length; i++) rejections.add('metric without a name');
          return;
        }
        const common = {
          tenant,
          serviceName,
          name,
          kind: shape.kind,
          unit: clean.text(str(metric.unit, `${mp}.unit`)),
          description: clean.text(str(metric.description, `${mp}.description`)),
          temporality: temporality(shape.body.aggregationTemporality, `${shape.path}.aggregationTemporality`),
          monotonic: shape.body.isMonotonic === true,
        };
        dataPoints.forEach((pValue, pi) => {
          const pp = `${shape.path}.dataPoints[${pi}]`;
          const p = obj(pValue, pp);
          const timeUnixNano = int64(p.timeUnixNano, `${pp}.timeUnixNano`);
          const startTimeUnixNano = int64(p.startTimeUnixNano, `${pp}.startTimeUnixNano`);
          if (timeUnixNano <= 0n || timeUnixNano > MAX_INT8) return rejections.add('missing or invalid time');
          if (startTimeUnixNano < 0n || startTimeUnixNano > MAX_INT8) return rejections.add('invalid start time');
          const outside = windowProblem(timeUnixNano, window);
          if (outside) return rejections.add(outside);
          const exemplars: MetricExemplar[] = [];
          for (const [ei, eValue] of arr(p.exemplars, `${pp}.exemplars`).entries()) {
            const ep = `${pp}.exemplars[${ei}]`;
            const e = obj(eValue, ep);
            const traceId = idOf(e.traceId, `${ep}.traceId`, encoding);
            const spanId = idOf(e.spanId, `${ep}.spanId`, encoding);
            if ((traceId !== '' && !isValidTraceId(traceId)) || (spanId !== '' && !isValidSpanId(spanId))) {
              return rejections.add('invalid exemplar trace or span id');
            }
            exemplars.push({
              timeUnixNano: int64(e.timeUnixNano, `${ep}.timeUnixNano`).toString(),
              value: numberValue(e, ep) ?? 0,
              traceId,
              spanId,
              attributes: clean.attributes(attributesFromOtlpJson(e.filteredAttributes, `${ep}.filteredAttributes`), 'exemplar.', []),
            });
          }
          const attributes: Attributes = clean.attributes(attributesFromOtlpJson(p.attributes, `${pp}.attributes`), 'point.', []);
          const point: MetricPoint = { ...common, timeUnixNano, startTimeUnixNano, attributes, value: null, data: null, exemplars };
          if (shape.kind === 'gauge' || shape.kind === 'sum') {
            point.value = numberValue(p, pp);
            if (point.value === null) return rejections.add('number point without a value');
          } else if (shape.kind === 'histogram') {
            point.data = {
              count: count(p.count, `${pp}.count`),
              sum: num(p.sum, `${pp}.sum`),
              min: num(p.min, `${pp}.min`),
              max: num(p.max, `${pp}.max`),
              explicitBounds: arr(p.explicitBounds, `${pp}.explicitBounds`).map((b, i) => num(b, `${pp}.explicitBounds[${i}]`) ?? 0),
              bucketCounts: arr(p.bucketCounts, `${pp}.bucketCounts`).map((c, i) => count(c, `${pp}.bucketCounts[${i}]`)),
            };
          } else if (shape.kind === 'exponential_histogram') {
            point.data = {
              count: count(p.count, `${pp}.count`),
              sum: num(p.sum, `${pp}.sum`),
              min: num(p.min, `${pp}.min`),
              max: num(p.max, `${pp}.max`),
              scale: Number(int64(p.scale, `${pp}.scale`)),
              zeroCount: count(p.zeroCount, `${pp}.zeroCount`),
              zeroThreshold: num(p.zeroThreshold, `${pp}.zeroThreshold`) ?? 0,
              positive: buckets(p.positive, `${pp}.positive`),
              negative: buckets(p.negative, `${pp}.negative`),
            };
          } else {
            point.data = {
              count: count(p.count, `${pp}.count`),
              sum: num(p.sum, `${pp}.sum`) ?? 0,
              quantileValues: arr(p.quantileValues, `${pp}.quantileValues`).map((q, i) => {
                const v = obj(q, `${pp}.quantileValues[${i}]`);
                return { quantile: num(v.quantile, `${pp}.quantileValues[${i}].quantile`) ?? 0, value: num(v.value, `${pp}.quantileValues[${i}].value`) ?? 0 };
              }),
            };
          }
          points.push(point);
        });
      });
    });
  });
  return { points, rejected: rejections.count, errorMessage: rejections.message() };
}
