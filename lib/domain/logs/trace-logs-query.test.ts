import { describe, expect, it } from 'vitest';
import { parseLogql } from '../logql/parse-logql';
import type { LogLine } from '../model/log-line';
import { traceLogsQuery } from './trace-logs-query';

const T = 'ab'.repeat(16);
const line = (labels: Record<string, string>): LogLine => ({ timeUnixNano: '1', line: 'x', labels, metadata: {}, traceId: T, spanId: null, severityText: null });

describe('traceLogsQuery', () => {
  it('selects by the label all lines share, with every value, and filters by the trace id', () => {
    const q = traceLogsQuery(T, [line({ app: 'shop', env: 'prod' }), line({ app: 'pay.api', env: 'prod' })], ['gateway']);
    expect(q).toBe(`{app=~"pay\\\\.api|shop"} | trace_id="${T}"`);
    expect(() => parseLogql(q)).not.toThrow();
  });

  it('falls back to the services when the trace has no lines', () => {
    const q = traceLogsQuery(T, [], ['payment']);
    expect(q).toBe(`{service_name="payment"} | trace_id="${T}"`);
    expect(() => parseLogql(q)).not.toThrow();
  });
});
