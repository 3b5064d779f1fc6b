// The incident timeline: every item at the time its evidence happened (a trace's or span's start, the start of a
// log range), and items without such a time (notes, runs) at the moment they were pinned. Times are unix ns as
// bigint while sorting; ties keep pin order, so the sort is stable and deterministic.
import type { InvestigationItem } from './investigation';

export interface TimelineEntry {
  /** Unix nanoseconds, decimal string. */
  atUnixNano: string;
  /** True when `at` is the evidence's own time, false when it is the pin time. */
  evidenceTime: boolean;
  item: InvestigationItem;
}

export function buildTimeline(items: readonly InvestigationItem[]): TimelineEntry[] {
  return items
    .map((item, index) => {
      const at = item.occurredUnixNano !== null ? BigInt(item.occurredUnixNano) : BigInt(Date.parse(item.createdAt)) * 1_000_000n;
      return { at, index, entry: { atUnixNano: at.toString(), evidenceTime: item.occurredUnixNano !== null, item } };
    })
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.index - b.index))
    .map((e) => e.entry);
}
