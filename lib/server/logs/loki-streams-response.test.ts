import { describe, expect, it } from 'vitest';
import type { LogLine } from '@/lib/domain/model/log-line';
import { lokiStreamsResponse } from './loki-streams-response';

const line = (over: Partial<LogLine>): LogLine => ({
  timeUnixNano: '1',
  line: 'x',
  labels: { app: 'a' },
  metadata: {},
  traceId: null,
  spanId: null,
  severityText: null,
  ...over,
});

describe('lokiStreamsResponse', () => {
  it('groups lines by labels + metadata (+ trace_id), keeping the query order inside each stream', () => {
    const trace = '0af7651916cd43dd8448eb211c80319c';
    const res = lokiStreamsResponse(
      [line({ timeUnixNano: '3', line: 'c' }), line({ timeUnixNano: '2', line: 'b', metadata: { user: 'u' }, traceId: trace }), line({ timeUnixNano: '1', line: 'a' })],
      'backward',
    );
    expect(res).toEqual({
      status: 'success',
      data: {
        resultType: 'streams',
        result: [
          {
            stream: { app: 'a' },
            values: [
              ['3', 'c'],
              ['1', 'a'],
            ],
          },
          { stream: { app: 'a', user: 'u', trace_id: trace }, values: [['2', 'b']] },
        ],
        stats: { summary: { totalLinesProcessed: 3 } },
      },
    });
  });
});
