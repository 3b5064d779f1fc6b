import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpanKind, StatusCode } from '../model/span';
import { parseJaegerJson } from './jaeger-json';

const fixture = (name: string) => JSON.parse(readFileSync(path.resolve(__dirname, '../../../test/fixtures/traces', name), 'utf8'));

describe('parseJaegerJson', () => {
  it('reads spans, processes, kinds, errors and microsecond times', () => {
    const spans = parseJaegerJson(fixture('checkout-jaeger.json'));
    expect(spans).toHaveLength(4);
    const server = spans.find((s) => s.spanId === 'b000000000000001')!;
    expect(server).toMatchObject({
      parentSpanId: 'a000000000000002',
      serviceName: 'payments',
      kind: SpanKind.SERVER,
      statusCode: StatusCode.ERROR,
      startTimeUnixNano: 1_699_999_999_820_000_000n,
      endTimeUnixNano: 1_700_000_000_780_000_000n,
      host: { ip: '10.0.0.2' },
    });
    expect(server.resourceAttributes['service.name']).toEqual({ stringValue: 'payments' });
  });

  it('takes CHILD_OF as parent over FOLLOWS_FROM, keeps other references as links, pads short trace ids', () => {
    const [span] = parseJaegerJson({
      data: [
        {
          traceID: 'a3ce929d0e0e4736',
          spans: [
            {
              traceID: 'a3ce929d0e0e4736',
              spanID: '2',
              operationName: 'consume',
              references: [
                { refType: 'FOLLOWS_FROM', traceID: 'a3ce929d0e0e4736', spanID: '1' },
                { refType: 'CHILD_OF', traceID: 'a3ce929d0e0e4736', spanID: '3' },
              ],
              startTime: 10,
              tags: [
                { key: 'span.kind', type: 'string', value: 'consumer' },
                { key: 'otel.status_code', type: 'string', value: 'ERROR' },
                { key: 'otel.status_description', type: 'string', value: 'bad message' },
              ],
              processID: 'p1',
            },
          ],
          processes: { p1: { serviceName: 'worker', tags: [{ key: 'hostname', type: 'string', value: 'box-1' }] } },
        },
      ],
    });
    expect(span!.traceId).toBe('0000000000000000a3ce929d0e0e4736');
    expect(span!.spanId).toBe('0000000000000002');
    expect(span!.parentSpanId).toBe('0000000000000003');
    expect(span!.links.map((l) => l.spanId)).toEqual(['0000000000000001']);
    expect(span!.kind).toBe(SpanKind.CONSUMER);
    expect(span!.statusCode).toBe(StatusCode.ERROR);
    expect(span!.statusMessage).toBe('bad message');
    expect(span!.endTimeUnixNano).toBe(0n); // no duration: never finished
    expect(span!.host.name).toBe('box-1');
  });

  it('rejects a file without a data array', () => {
    expect(() => parseJaegerJson({ traces: [] })).toThrow(/missing "data"/);
  });
});
