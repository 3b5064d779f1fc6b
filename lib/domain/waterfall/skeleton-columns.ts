// The decoded trace skeleton as columns (typed arrays plus string tables), the form the waterfall builder and
// the analysis read. 500k spans as columns are a few dozen MB and a handful of objects; as tuples they were
// ~5M small objects, and their garbage collection cost more than decoding them.
import type { WireResource, WireSkeleton } from './waterfall-wire';

export interface SkeletonColumns {
  traceId: string;
  /** Unix ns (decimal) that the relative times count from. */
  baseUnixNano: string;
  resources: WireResource[];
  count: number;
  /** Span ids, 16 lowercase hex chars each, concatenated: span i at [16i, 16i + 16). */
  spanIdHex: string;
  /** Span ids as two 32-bit words per span (high word first): the tree resolves parents on these. */
  spanIdWords: Uint32Array;
  /** Parent span ids as words; meaningful only where hasParent is 1. */
  parentIdWords: Uint32Array;
  hasParent: Uint8Array;
  names: string[];
  nameIndex: Int32Array;
  kind: Uint8Array;
  /** ns relative to baseUnixNano; an end before its start means the span never finished. */
  start: Float64Array;
  end: Float64Array;
  statusCode: Uint8Array;
  /** Mostly ''. */
  statusMessage: string[];
  /** Event times (relative ns) of span i: eventTimes[eventOffset[i] .. eventOffset[i + 1]). */
  eventOffset: Int32Array;
  eventTimes: Float64Array;
  resourceIndex: Int32Array;
}

export function spanIdAt(columns: SkeletonColumns, i: number): string {
  return columns.spanIdHex.slice(i * 16, i * 16 + 16);
}

export function parentIdAt(columns: SkeletonColumns, i: number): string | null {
  return columns.hasParent[i] ? wordsToHex(columns.parentIdWords[i * 2]!, columns.parentIdWords[i * 2 + 1]!) : null;
}

export function wordsToHex(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** Columns from the tuple form (tests and tools build skeletons that way). Ids must be 16 hex chars. */
export function skeletonColumnsFromTuples(wire: WireSkeleton): SkeletonColumns {
  const n = wire.spans.length;
  const spanIdWords = new Uint32Array(n * 2);
  const parentIdWords = new Uint32Array(n * 2);
  const hasParent = new Uint8Array(n);
  const names: string[] = [];
  const nameIds = new Map<string, number>();
  const nameIndex = new Int32Array(n);
  const eventOffset = new Int32Array(n + 1);
  const eventTimes: number[] = [];
  wire.spans.forEach((s, i) => {
    spanIdWords[i * 2] = parseInt(s[0].slice(0, 8), 16);
    spanIdWords[i * 2 + 1] = parseInt(s[0].slice(8, 16), 16);
    if (s[1]) {
      hasParent[i] = 1;
      parentIdWords[i * 2] = parseInt(s[1].slice(0, 8), 16);
      parentIdWords[i * 2 + 1] = parseInt(s[1].slice(8, 16), 16);
    }
    let name = nameIds.get(s[2]);
    if (name === undefined) {
      name = names.push(s[2]) - 1;
      nameIds.set(s[2], name);
    }
    nameIndex[i] = name;
    eventOffset[i] = eventTimes.length;
    if (s[8]) eventTimes.push(...s[8]);
  });
  eventOffset[n] = eventTimes.length;
  return {
    traceId: wire.traceId,
    baseUnixNano: wire.baseUnixNano,
    resources: wire.resources,
    count: n,
    spanIdHex: wire.spans.map((s) => s[0]).join(''),
    spanIdWords,
    parentIdWords,
    hasParent,
    names,
    nameIndex,
    kind: Uint8Array.from(wire.spans, (s) => s[3]),
    start: Float64Array.from(wire.spans, (s) => s[4]),
    end: Float64Array.from(wire.spans, (s) => s[5]),
    statusCode: Uint8Array.from(wire.spans, (s) => s[6]),
    statusMessage: wire.spans.map((s) => s[7]),
    eventOffset,
    eventTimes: Float64Array.from(eventTimes),
    resourceIndex: Int32Array.from(wire.spans, (s) => s[9]),
  };
}
