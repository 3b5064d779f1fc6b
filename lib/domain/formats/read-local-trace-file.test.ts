import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWaterfall } from '../waterfall/build-waterfall';
import { skeletonColumnsFromTuples } from '../waterfall/skeleton-columns';
import { wireFromSpans } from '../waterfall/wire-from-spans';
import { readLocalTraceFile } from './read-local-trace-file';

const text = (name: string) => readFileSync(path.resolve(__dirname, '../../../test/fixtures/traces', name), 'utf8');

describe('readLocalTraceFile', () => {
  it.each([
    ['checkout-otlp.json', 'otlp-json'],
    ['checkout-jaeger.json', 'jaeger-json'],
    ['checkout-zipkin.json', 'zipkin-v2'],
  ])('reads %s and builds the same waterfall rows as a stored trace', (file, format) => {
    const read = readLocalTraceFile(text(file));
    expect(read.format).toBe(format);
    expect(read.traces).toHaveLength(1);
    const { summary, spans } = read.traces[0]!;
    expect(summary).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanCount: spans.length });
    expect(summary.errorCount).toBeGreaterThan(0);
    const { skeleton, full } = wireFromSpans(summary.traceId, spans);
    const store = buildWaterfall(skeletonColumnsFromTuples(skeleton), null);
    expect(store.data.tree.spanCount).toBe(spans.length);
    expect(full.spans.map((s) => s[0]).sort()).toEqual(spans.map((s) => s.spanId).sort());
  });

  it('lists each trace of a file with several', () => {
    const read = readLocalTraceFile(text('three-traces-otlp.json'));
    expect(read.traces.map((t) => t.summary.traceId)).toEqual(['a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32)]);
    expect(read.traces[0]!.summary).toMatchObject({ rootService: 'web', rootName: 'GET /api' });
  });

  it('names the problem with a bad file', () => {
    expect(() => readLocalTraceFile(text('not-json.json'))).toThrow(/^not valid JSON: /);
    expect(() => readLocalTraceFile(text('unknown-shape.json'))).toThrow(/not a trace file: expected an OTLP JSON export/);
    expect(() => readLocalTraceFile('{"resourceSpans":[]}')).toThrow('the otlp-json file holds no spans');
    expect(() => readLocalTraceFile('{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz"}]}]}]}')).toThrow(/^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]/);
  });
});
