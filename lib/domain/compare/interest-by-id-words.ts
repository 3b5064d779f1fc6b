// Joins a trace's attributes of interest (TraceAttributesOfInterest: hex span id and decimal unix start) to the
// spans of its skeleton without a hex id string or a bigint per span: the few listed spans are keyed by their
// id words, and only a span whose words match pays for comparing starts exactly (as bigints). Same matches as
// spans-from-skeleton.ts: equal hex id and equal start, the first listed entry winning.
import type { Attributes } from '../model/any-value';
import { WordTable } from '../waterfall/resolve-parents-by-words';
import type { TraceAttributesOfInterest } from './attributes-of-interest';

export interface InterestByIdWords {
  /** Attributes of interest of the span with these id words and this start (ns relative to the base), if any. */
  at(hi: number, lo: number, relativeStart: number): Attributes | undefined;
}

/** No attributes of interest (the trace page's analysis reads none). */
export const NO_INTEREST: InterestByIdWords = { at: () => undefined };

export function interestByIdWords(interest: TraceAttributesOfInterest, baseUnixNano: bigint): InterestByIdWords {
  if (interest.spans.length === 0) return NO_INTEREST;
  const ids = new WordTable(interest.spans.length);
  const lists: Array<Array<[relativeStart: bigint, attributes: Attributes]>> = [];
  for (const [spanId, startUnixNano, attributes] of interest.spans) {
    // Parsed before the id check, as spans-from-skeleton.ts parses every start: a bad start throws either way.
    const relativeStart = BigInt(startUnixNano) - baseUnixNano;
    const hi = hexWord(spanId, 0);
    const lo = hexWord(spanId, 8);
    // Skeleton ids are 16 lowercase hex characters: any other id matches no span.
    if (spanId.length !== 16 || hi < 0 || lo < 0) continue;
    let k = ids.get(hi, lo);
    if (k < 0) ids.set(hi, lo, (k = lists.push([]) - 1));
    lists[k]!.push([relativeStart, attributes]);
  }
  return {
    at(hi, lo, relativeStart) {
      const k = ids.get(hi, lo);
      if (k < 0) return undefined;
      const start = BigInt(relativeStart);
      return lists[k]!.find(([s]) => s === start)?.[1];
    },
  };
}

/** Eight lowercase hex characters from `at` as an unsigned 32-bit word, or -1 for any other character. */
function hexWord(id: string, at: number): number {
  let word = 0;
  for (let k = at; k < at + 8; k++) {
    const c = id.charCodeAt(k);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit < 0) return -1;
    word = word * 16 + digit;
  }
  return word;
}
