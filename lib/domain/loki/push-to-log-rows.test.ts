import { describe, expect, it } from 'vitest';
import { pushToLogRows } from './push-to-log-rows';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';

function one(labels: Record<string, string>, line: string, metadata: Record<string, string> = {}) {
  const [row] = pushToLogRows([{ labels, entries: [{ timeUnixNano: 1n, line, metadata }] }], 't1', 9n);
  return row!;
}

describe('pushToLogRows', () => {
  it('takes ids from metadata first, then labels, then the line', () => {
    expect(one({ trace_id: 'f'.repeat(32) }, 'x', { traceId: TRACE, spanID: SPAN })).toMatchObject({ traceId: TRACE, spanId: SPAN });
    expect(one({ traceID: TRACE.toUpperCase() }, 'x')).toMatchObject({ traceId: TRACE, spanId: null });
    expect(one({}, JSON.stringify({ msg: 'hi', traceId: TRACE, span_id: SPAN }))).toMatchObject({ traceId: TRACE, spanId: SPAN });
    expect(one({}, `level=info msg="done" trace_id=${TRACE} span_id=${SPAN}`)).toMatchObject({ traceId: TRACE, spanId: SPAN });
    expect(one({}, 'trace_id=nothex span_id=zz')).toMatchObject({ traceId: null, spanId: null });
    // 16-hex trace ids are left-padded (Zipkin/Jaeger short ids).
    expect(one({}, 'traceID=463ac35c9f6413ad')).toMatchObject({ traceId: '0000000000000000463ac35c9f6413ad' });
  });

  it('detects severity from labels, metadata, JSON (incl. pino numbers) and logfmt', () => {
    expect(one({ level: 'error' }, 'x')).toMatchObject({ severityText: 'error', severityNumber: 17 });
    expect(one({}, 'x', { detected_level: 'WARN' })).toMatchObject({ severityText: 'WARN', severityNumber: 13 });
    expect(one({}, '{"level":30,"msg":"x"}')).toMatchObject({ severityText: 'info', severityNumber: 9 });
    expect(one({}, 'ts=1 level=debug msg=x')).toMatchObject({ severityText: 'debug', severityNumber: 5 });
    expect(one({}, 'plain')).toMatchObject({ severityText: null, severityNumber: null });
  });

  it('carries tenant, labels, metadata and observed time', () => {
    expect(one({ app: 'a' }, 'l', { k: 'v' })).toEqual({
      tenant: 't1',
      traceId: null,
      spanId: null,
      timeUnixNano: 1n,
      observedTimeUnixNano: 9n,
      labels: { app: 'a' },
      line: 'l',
      metadata: { k: 'v' },
      severityText: null,
      severityNumber: null,
    });
  });
});
