// The assertions every ingest path makes about the trace of produceTrace(): each field as the SDK made it.
import { expect } from 'vitest';
import type { TracePayload } from '@/lib/domain/model/trace-payload';
import type { produceTrace } from './otlp-clients';

export function checkProducedTrace(payload: TracePayload, produced: ReturnType<typeof produceTrace>, service: string): void {
  const { baseSec } = produced;
  expect(payload.traceId).toBe(produced.traceId);
  expect(payload.spans).toHaveLength(2);
  const [root, child] = payload.spans;
  expect(root!.spanId).toBe(produced.root.spanContext().spanId);
  expect(root!.parentSpanId).toBeNull();
  expect(child!.spanId).toBe(produced.child.spanContext().spanId);
  expect(child!.parentSpanId).toBe(root!.spanId);
  // ns exact, as decimal strings
  expect(root!.startTimeUnixNano).toBe(`${baseSec}123456789`);
  expect(root!.endTimeUnixNano).toBe(`${baseSec + 1}000000005`);
  expect(child!.startTimeUnixNano).toBe(`${baseSec}300000007`);
  expect(child!.endTimeUnixNano).toBe(`${baseSec}900000009`);
  expect(root!.kind).toBe(2);
  expect(child!.kind).toBe(3);
  expect(root!.attributes).toEqual({
    str: { stringValue: 'hello' },
    int: { intValue: '9007199254740991' },
    neg: { intValue: '-42' },
    dbl: { doubleValue: 3.25 },
    bool: { boolValue: false },
    strs: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } },
    ints: { arrayValue: { values: [{ intValue: '1' }, { intValue: '2' }, { intValue: '3' }] } },
    dbls: { arrayValue: { values: [{ doubleValue: 0.5 }, { doubleValue: 1.5 }] } },
    bools: { arrayValue: { values: [{ boolValue: true }, { boolValue: false }] } },
  });
  expect(root!.events).toEqual([{ timeUnixNano: `${baseSec}200000001`, name: 'order.validated', attributes: { items: { intValue: '3' } }, droppedAttributesCount: 0 }]);
  expect(child!.links).toEqual([
    { traceId: 'f'.repeat(32), spanId: 'e'.repeat(16), traceState: '', attributes: { 'link.kind': { stringValue: 'follows' } }, droppedAttributesCount: 0, flags: expect.any(Number) },
  ]);
  expect(child!.statusCode).toBe(2);
  expect(child!.statusMessage).toBe('duplicate key');
  expect(root!.statusCode).toBe(0);
  expect(root!.flags & 1).toBe(1);
  expect(payload.resources).toHaveLength(1);
  expect(payload.resources[0]!.serviceName).toBe(service);
  expect(payload.resources[0]!.attributes['host.name']).toEqual({ stringValue: 'node-7' });
  expect(payload.resources[0]!.attributes['service.version']).toEqual({ stringValue: '2.0.1' });
  expect(payload.resources[0]!.host.name).toBe('node-7');
  expect(payload.scopes).toEqual([{ name: 'ingest-test-scope', version: '0.9.1', attributes: {} }]);
  expect(root!.resourceIndex).toBe(0);
  expect(child!.scopeIndex).toBe(0);
  expect(payload.summary).toMatchObject({ traceId: produced.traceId, rootService: service, rootName: 'POST /orders', spanCount: 2, errorCount: 1, services: [service] });
  expect(payload.summary.startUnixNano).toBe(`${baseSec}123456789`);
  expect(payload.summary.durationNs).toBe('876543216');
}
