// The trace page's Logs view: every log line of the trace placed on the trace's timeline. A line written by a
// span whose clock was corrected moves with that span, so lines and bars agree; the raw time stays beside it.
// A filter span keeps the lines of that span and of its descendants (a server span rarely logs itself — its
// handlers do).
import type { LogLine } from '../model/log-line';
import { nodeOfSpanId, type WaterfallData } from './waterfall-data';

export interface TraceLogRow {
  line: LogLine;
  /** The span's node, or -1 when the line names no span of this trace. */
  node: number;
  /** Nanoseconds from the trace's base, as written. */
  rawNs: number;
  /** The same instant on the corrected timeline (raw + its span's skew offset). */
  correctedNs: number;
}

export function traceLogRows(data: WaterfallData, lines: readonly LogLine[], filterSpanId: string | null = null): TraceLogRow[] {
  const base = BigInt(data.baseUnixNano);
  const nodeOf = new Map<string, number>();
  const node = (spanId: string | null): number => {
    if (!spanId) return -1;
    let n = nodeOf.get(spanId);
    if (n === undefined) {
      n = nodeOfSpanId(data, spanId);
      nodeOf.set(spanId, n);
    }
    return n;
  };
  let range: [number, number] | null = null;
  if (filterSpanId !== null) {
    const f = node(filterSpanId);
    if (f < 0) return [];
    const pos = data.tree.posOf[f]!;
    range = [pos, data.tree.subtreeEnd[pos]!];
  }
  const rows: TraceLogRow[] = [];
  for (const line of lines) {
    const n = node(line.spanId);
    if (range && (n < 0 || data.tree.posOf[n]! < range[0] || data.tree.posOf[n]! >= range[1])) continue;
    const rawNs = /^\d+$/.test(line.timeUnixNano) ? Number(BigInt(line.timeUnixNano) - base) : NaN;
    const offset = n >= 0 ? data.correctedStart[n]! - data.rawStart[n]! : 0;
    rows.push({ line, node: n, rawNs, correctedNs: rawNs + offset });
  }
  return rows.sort((a, b) => a.correctedNs - b.correctedNs);
}
