import { describe, expect, it } from 'vitest';
import { attachFullSpans, buildWaterfall, toAnalysisSpans, type Analyze } from './build-waterfall';
import { spanDetail } from './span-detail';
import { skeletonMatchMask } from './trace-find';
import { RowFlag, nodeOfSpanId, spanIdOf } from './waterfall-data';
import { skeletonColumnsFromTuples, type SkeletonColumns } from './skeleton-columns';
import type { SkeletonSpan, WireSkeleton, WireTrace } from './waterfall-wire';

// Trace (relative ms; base 1_700_000_000_000_000_000 ns):
//
//   root [frontend] 0..100
//   ├── db [db] 10..40          error, one event at 20
//   └── open [frontend] 50..?   never finished
//   (missing 00000000000000ff)
//   └── orphan [email] 60..70
const MS = 1_000_000;
const BASE = '1700000000000000000';
const id = (n: number) => n.toString(16).padStart(16, '0');

function skeletonTuples(): WireSkeleton {
  const spans: SkeletonSpan[] = [
    [id(3), id(1), 'open', 1, 50 * MS, -1, 0, '', null, 0],
    [id(1), null, 'root', 2, 0, 100 * MS, 0, '', null, 0],
    [id(2), id(1), 'db', 3, 10 * MS, 40 * MS, 2, 'boom', [20 * MS], 1],
    [id(4), id(0xff), 'orphan', 1, 60 * MS, 70 * MS, 0, '', null, 2],
  ];
  const host = { id: null, name: null, ip: null, serviceInstanceId: null };
  return {
    traceId: 'a'.repeat(32),
    baseUnixNano: BASE,
    spans,
    resources: ['frontend', 'db', 'email'].map((serviceName) => ({ serviceName, attributes: { 'service.name': { stringValue: serviceName } }, host })),
  };
}

const skeleton = (): SkeletonColumns => skeletonColumnsFromTuples(skeletonTuples());

describe('buildWaterfall', () => {
  it('decodes rows: relative times, flags, services, events, orphans and unfinished spans', () => {
    const { data } = buildWaterfall(skeleton(), null);
    expect(data.baseUnixNano).toBe(BASE);
    expect(data.tree.nodeCount).toBe(5);
    const db = nodeOfSpanId(data, id(2));
    expect(spanIdOf(data, db)).toBe(id(2));
    expect([data.rawStart[db], data.rawEnd[db]]).toEqual([10 * MS, 40 * MS]);
    expect(data.flags[db]! & RowFlag.ERROR).toBeTruthy();
    expect(data.errorCount).toBe(1);
    expect(Array.from(data.eventTimes)).toEqual([20 * MS]);
    const open = nodeOfSpanId(data, id(3));
    expect(data.flags[open]! & RowFlag.UNFINISHED).toBeTruthy();
    expect(data.rawEnd[open]).toBe(100 * MS); // drawn to the end of the trace
    const placeholder = 4;
    expect(data.flags[placeholder]).toBe(RowFlag.PLACEHOLDER);
    expect([data.rawStart[placeholder], data.rawEnd[placeholder]]).toEqual([60 * MS, 70 * MS]);
    expect(data.services).toEqual(['frontend', 'db', 'email']);
  });

  it('applies the analysis port: offsets move spans, the path marks spans, findings pass through', () => {
    const analyze: Analyze = (input) => {
      const spans = toAnalysisSpans(input);
      const offset = new Float64Array(spans.length);
      const reasonCode = new Uint8Array(spans.length);
      const db = spans.findIndex((s) => s.spanId === id(2));
      offset[db] = -5 * MS;
      reasonCode[db] = 1;
      expect(spans[db]!.startTimeUnixNano).toBe(BigInt(BASE) + BigInt(10 * MS));
      expect(spans.find((s) => s.spanId === id(3))!.endTimeUnixNano).toBe(0n);
      return {
        offset,
        reasonCode,
        reasonLabels: ['', 'centred in parent'],
        reasonText: (i) => (i === db ? 'centred in parent 0000000000000001' : null),
        criticalPath: [{ span: 1, start: 0, end: 100 * MS }],
        findings: [{ type: 'root-cause-error', spanIds: [id(2)], services: ['db'], summary: 'db failed' }],
      };
    };
    const store = buildWaterfall(skeleton(), analyze);
    const { data } = store;
    const db = nodeOfSpanId(data, id(2));
    expect(data.correctedStart[db]).toBe(5 * MS);
    expect(data.rawStart[db]).toBe(10 * MS);
    expect(data.movedSpanCount).toBe(1);
    expect(data.flags[1]! & RowFlag.CRITICAL).toBeTruthy();
    expect(data.criticalSegmentCount).toBe(1);
    expect([data.pathOffset[1], data.pathOffset[2]]).toEqual([0, 1]);
    expect(Array.from(data.pathSegments)).toEqual([0, 100 * MS]);
    expect(data.findings[0]!.type).toBe('root-cause-error');
    const detail = spanDetail(store, db)!;
    expect(detail.skewOffsetNs).toBe(-5 * MS);
    expect(detail.skewReason).toBe('centred in parent 0000000000000001');
    expect(detail.startUnixNano).toBe((BigInt(BASE) + 10n * 1_000_000n).toString());
    expect(detail.correctedStartUnixNano).toBe((BigInt(BASE) + 5n * 1_000_000n).toString());
  });

  it('an analysis failure leaves a usable waterfall and says why', () => {
    const { data } = buildWaterfall(skeleton(), () => {
      throw new Error('engine exploded');
    });
    expect(data.analysisError).toBe('engine exploded');
    expect(data.tree.nodeCount).toBe(5);
  });

  it('details and find use the full spans once attached; attribute text stays verbatim', () => {
    const store = buildWaterfall(skeleton(), null);
    const full: WireTrace = {
      traceId: 'a'.repeat(32),
      resources: skeletonTuples().resources,
      spans: [[id(2), id(1), 'db', 3, '0', '0', 2, 'boom', { 'db.statement': { stringValue: '<img src=x onerror=alert(1)>' } }, [], [{ traceId: 'b'.repeat(32), spanId: id(9) }], 1]],
    };
    const db = nodeOfSpanId(store.data, id(2));
    expect(spanDetail(store, db)!.attributes).toEqual([]);
    attachFullSpans(store, full);
    const detail = spanDetail(store, db)!;
    expect(detail.attributes).toEqual([['db.statement', '<img src=x onerror=alert(1)>']]);
    expect(detail.links).toEqual([{ traceId: 'b'.repeat(32), spanId: id(9), attributes: [] }]);
    expect(skeletonMatchMask(store, 'onerror')[db]).toBe(1);
  });
});
