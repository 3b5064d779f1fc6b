import { describe, expect, it } from 'vitest';
import type { TraceSummary } from '../model/trace-summary';
import { sortTraces, toggleSort } from './sort-traces';

const t = (id: string, start: string, duration: string, errors = 0): TraceSummary => ({
  traceId: id, rootService: id, rootName: 'op', startUnixNano: start, durationNs: duration, spanCount: 1, errorCount: errors, services: [],
});

describe('sortTraces', () => {
  const rows = [t('b', '1800000000000000002', '5'), t('a', '1800000000000000001', '90000000000'), t('c', '1800000000000000003', '5', 2)];
  it('sorts by bigint duration and start without losing precision', () => {
    expect(sortTraces(rows, { key: 'duration', descending: true }).map((r) => r.traceId)).toEqual(['a', 'b', 'c']);
    expect(sortTraces(rows, { key: 'start', descending: false }).map((r) => r.traceId)).toEqual(['a', 'b', 'c']);
    expect(sortTraces(rows, { key: 'errors', descending: true }).map((r) => r.traceId)).toEqual(['c', 'b', 'a']);
    expect(sortTraces(rows, { key: 'root', descending: false }).map((r) => r.traceId)).toEqual(['a', 'b', 'c']);
  });
  it('toggles direction on the same key', () => {
    expect(toggleSort({ key: 'start', descending: true }, 'start')).toEqual({ key: 'start', descending: false });
    expect(toggleSort({ key: 'start', descending: true }, 'root')).toEqual({ key: 'root', descending: false });
  });
});
