import { describe, expect, it } from 'vitest';
import { OtlpDecodeError } from '../otlp/otlp-request';
import { spansFromZipkin } from './spans-from-zipkin';

const base = { traceId: '5AF7183FB1D4CF5F', id: '6B221D5BC9E6496C', name: 'get /', timestamp: 1_700_000_000_123_456, duration: 2_001 };

describe('spansFromZipkin', () => {
  it('maps a Zipkin v2 span: µs → ns exactly, 64-bit trace ids padded, lower-cased ids', () => {
    const { spans, rejected } = spansFromZipkin(
      JSON.stringify([
        {
          ...base,
          parentId: 'ABCDEF0123456789',
          kind: 'PRODUCER',
          localEndpoint: { serviceName: 'queue', ipv6: '::1' },
          remoteEndpoint: { serviceName: 'kafka', ipv4: '10.1.2.3', port: 9092 },
          tags: { 'messaging.system': 'kafka', error: 'broker down' },
          annotations: [{ timestamp: 1_700_000_000_123_999, value: 'ws' }],
          debug: true,
        },
      ]),
      'acme',
    );
    expect(rejected).toBe(0);
    const s = spans[0]!;
    expect(s).toMatchObject({
      tenant: 'acme',
      traceId: '00000000000000005af7183fb1d4cf5f',
      spanId: '6b221d5bc9e6496c',
      parentSpanId: 'abcdef0123456789',
      kind: 4,
      serviceName: 'queue',
      startTimeUnixNano: 1_700_000_000_123_456_000n,
      endTimeUnixNano: 1_700_000_000_125_457_000n,
      statusCode: 2,
      statusMessage: 'broker down',
      flags: 1,
    });
    expect(s.attributes).toEqual({
      'messaging.system': { stringValue: 'kafka' },
      error: { stringValue: 'broker down' },
      'peer.service': { stringValue: 'kafka' },
      'net.peer.ip': { stringValue: '10.1.2.3' },
      'net.peer.port': { intValue: '9092' },
    });
    expect(s.host.ip).toBe('::1');
    expect(s.events).toEqual([{ timeUnixNano: 1_700_000_000_123_999_000n, name: 'ws', attributes: {}, droppedAttributesCount: 0 }]);
  });

  it('rejects invalid spans one by one and keeps the rest', () => {
    const result = spansFromZipkin(JSON.stringify([base, { ...base, id: 'xyz' }, { ...base, traceId: '' }, { ...base, timestamp: undefined }, { ...base, parentId: '12' }, 7]), 'd');
    expect(result.spans).toHaveLength(1);
    expect(result.rejected).toBe(5);
    expect(result.errorMessage).toBe('5 rejected: invalid span id (1), invalid trace id (1), missing timestamp (1), invalid parent span id (1), not an object (1)');
  });

  it('throws for bodies that are not a JSON array', () => {
    expect(() => spansFromZipkin('{', 'd')).toThrow(OtlpDecodeError);
    expect(() => spansFromZipkin('{}', 'd')).toThrow(/JSON array/);
  });
});
