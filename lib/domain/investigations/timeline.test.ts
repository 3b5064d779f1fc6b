import { describe, expect, it } from 'vitest';
import type { InvestigationItem } from './investigation';
import { buildTimeline } from './timeline';

function item(id: string, occurredUnixNano: string | null, createdAt: string): InvestigationItem {
  return { id, kind: occurredUnixNano ? 'trace' : 'note', ref: null, traceId: null, payload: {}, occurredUnixNano, author: 'a', authorId: 'a', createdAt, editedAt: null, editedBy: null };
}

describe('buildTimeline', () => {
  it('orders evidence by its own time and notes by their pin time, in nanoseconds beyond 2^53', () => {
    const t0 = Date.parse('2026-11-28T10:00:00Z');
    const items = [
      item('1', `${t0}000001`, '2026-11-28T10:30:00Z'), // evidence at 10:00:00.000000001
      item('2', null, '2026-11-28T10:00:00.000Z'), // note pinned at 10:00:00 exactly
      item('3', `${t0}000000`, '2026-11-28T10:31:00Z'), // evidence at 10:00:00 exactly, ties with the note
    ];
    const timeline = buildTimeline(items);
    expect(timeline.map((e) => e.item.id)).toEqual(['2', '3', '1']);
    expect(timeline[2]!.atUnixNano).toBe(`${t0}000001`);
    expect(timeline.map((e) => e.evidenceTime)).toEqual([false, true, true]);
  });
});
