import { describe, expect, it } from 'vitest';
import { detectTraceFormat } from './parse-trace-file';

describe('detectTraceFormat', () => {
  it('recognises the three formats by shape', () => {
    expect(detectTraceFormat([])).toBe('zipkin-v2');
    expect(detectTraceFormat({ resourceSpans: [] })).toBe('otlp-json');
    expect(detectTraceFormat({ data: [] })).toBe('jaeger-json');
    expect(() => detectTraceFormat({ hello: 1 })).toThrow(/not a trace file/);
    expect(() => detectTraceFormat('x')).toThrow(/not a trace file/);
  });
});
