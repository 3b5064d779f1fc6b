import { describe, expect, it } from 'vitest';
import type { LogLine } from '../model/log-line';
import { buildWaterfall, toAnalysisSpans, type Analyze } from './build-waterfall';
import { skeletonColumnsFromTuples } from './skeleton-columns';
import { traceLogRows } from './trace-log-rows';
import type { SkeletonSpan } from './waterfall-wire';

const MS = 1_000_000;
const BASE = 1_700_000_000_000_000_000n;
const id = (n: number) => n.toString(16).padStart(16, '0');
const host = { id: null, name: null, ip: null, serviceInstanceId: null };

// 1 gateway 0..100 ─ 2 orders 10..90 (clock 5 ms ahead: corrected -5 ms) ─ 3 db 20..40;  4 gateway 95..99
function data() {
  const spans: SkeletonSpan[] = [
    [id(1), null, 'root', 2, 0, 100 * MS, 0, '', null, 0],
    [id(2), id(1), 'orders', 2, 10 * MS, 90 * MS, 0, '', null, 1],
    [id(3), id(2), 'db', 3, 20 * MS, 40 * MS, 0, '', null, 1],
    [id(4), id(1), 'tail', 1, 95 * MS, 99 * MS, 0, '', null, 0],
  ];
  const analyze: Analyze = (analysisInput) => {
    const input = toAnalysisSpans(analysisInput);
    const offset = new Float64Array(input.length);
    input.forEach((s, i) => {
      if (s.spanId === id(2) || s.spanId === id(3)) offset[i] = -5 * MS;
    });
    return { offset, reasonCode: new Uint8Array(input.length), reasonLabels: [''], reasonText: () => null, criticalPath: [], findings: [] };
  };
  const wire = { traceId: 'a'.repeat(32), baseUnixNano: String(BASE), spans, resources: ['gateway', 'orders'].map((serviceName) => ({ serviceName, attributes: {}, host })) };
  return buildWaterfall(skeletonColumnsFromTuples(wire), analyze).data;
}

const line = (ms: number, spanId: string | null, text: string): LogLine => ({
  timeUnixNano: String(BASE + BigInt(ms * MS)),
  line: text,
  labels: {},
  metadata: {},
  traceId: 'a'.repeat(32),
  spanId,
  severityText: null,
});

describe('traceLogRows', () => {
  const lines = [line(30, id(3), 'db slow'), line(50, id(2), 'orders done'), line(97, id(4), 'tail'), line(1, null, 'no span'), line(60, id(9), 'unknown span')];

  it('places every line on the corrected timeline beside its raw time, in corrected order', () => {
    const rows = traceLogRows(data(), lines);
    expect(rows.map((r) => r.line.line)).toEqual(['no span', 'db slow', 'orders done', 'unknown span', 'tail']);
    const db = rows.find((r) => r.line.line === 'db slow')!;
    expect([db.rawNs, db.correctedNs]).toEqual([30 * MS, 25 * MS]);
    expect(rows.find((r) => r.line.line === 'unknown span')!.node).toBe(-1);
  });

  it('filtered by a span, keeps that span and its descendants only', () => {
    expect(traceLogRows(data(), lines, id(2)).map((r) => r.line.line)).toEqual(['db slow', 'orders done']);
    expect(traceLogRows(data(), lines, id(4)).map((r) => r.line.line)).toEqual(['tail']);
    expect(traceLogRows(data(), lines, id(7))).toEqual([]);
  });
});
