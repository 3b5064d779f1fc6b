import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpanKind, StatusCode } from '../model/span';
import { derivedServerId } from '../zipkin/split-shared-spans';
import { parseZipkinV2 } from './zipkin-v2';

const fixture = (name: string) => JSON.parse(readFileSync(path.resolve(__dirname, '../../../test/fixtures/traces', name), 'utf8'));

describe('parseZipkinV2', () => {
  it('reads spans with endpoints, kinds, error tags and microsecond times', () => {
    const spans = parseZipkinV2(fixture('checkout-zipkin.json'));
    expect(spans).toHaveLength(4);
    expect(spans[3]).toMatchObject({
      spanId: 'b000000000000002',
      parentSpanId: 'b000000000000001',
      serviceName: 'payments',
      kind: SpanKind.CLIENT,
      statusCode: StatusCode.ERROR,
      statusMessage: 'connection reset',
      startTimeUnixNano: 1_699_999_999_830_000_000n,
      endTimeUnixNano: 1_700_000_000_770_000_000n,
      host: { ip: '10.0.0.2' },
    });
  });

  it('splits shared client/server spans so ids stay unique and the server hangs under the client', () => {
    const spans = parseZipkinV2([
      { traceId: 'a3ce929d0e0e4736', id: '000000000000000a', kind: 'CLIENT', name: 'get', timestamp: 100, duration: 50, localEndpoint: { serviceName: 'web' }, remoteEndpoint: { serviceName: 'api' } },
      { traceId: 'a3ce929d0e0e4736', id: '000000000000000a', kind: 'SERVER', name: 'get', timestamp: 110, duration: 30, shared: true, localEndpoint: { serviceName: 'api' } },
      { traceId: 'a3ce929d0e0e4736', id: '000000000000000b', parentId: '000000000000000a', name: 'work', timestamp: 120 },
    ]);
    expect(spans[1]!.spanId).toBe(derivedServerId('000000000000000a'));
    expect(spans[1]!.spanId).not.toBe('000000000000000a');
    expect(spans[1]!.parentSpanId).toBe('000000000000000a');
    expect(spans[0]!.attributes['peer.service']).toEqual({ stringValue: 'api' });
    expect(spans[0]!.traceId).toBe('0000000000000000a3ce929d0e0e4736');
    expect(spans[2]!.kind).toBe(SpanKind.INTERNAL);
    expect(spans[2]!.endTimeUnixNano).toBe(0n);
  });

  it('rejects non-arrays and bad ids', () => {
    expect(() => parseZipkinV2({})).toThrow(/JSON array/);
    expect(() => parseZipkinV2([{ traceId: 'zz', id: '1', timestamp: 1 }])).toThrow(/\[0\]\.traceId/);
  });
});
