import { describe, expect, it } from 'vitest';
import { parseTraceHref, traceIdsInText, traceLinksInText } from './trace-links';

const T = 'ab'.repeat(16);
const S = 'cd'.repeat(8);

describe('trace links in notes', () => {
  it('finds relative and absolute links, with the span when the link names one', () => {
    const text = `see [root](/traces/${T}?mode=raw&span=${S}) and https://th.example/traces/${T.toUpperCase()} and /traces/123`;
    expect(traceLinksInText(text)).toEqual([
      { traceId: T, spanId: S },
      { traceId: T, spanId: null },
    ]);
    expect(traceIdsInText(text)).toEqual([T]);
  });

  it('parses one href, and refuses others', () => {
    expect(parseTraceHref(`/traces/${T}?span=${S}`)).toEqual({ traceId: T, spanId: S });
    expect(parseTraceHref('https://example.com/docs')).toBeNull();
  });
});
