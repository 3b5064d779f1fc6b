import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { CallOutcome, callOutcome } from './call-outcome';

const s = (kind: 'CLIENT' | 'SERVER' | 'INTERNAL', attributes: Record<string, { stringValue: string } | { intValue: string }> = {}, statusMessage = '') => ({
  ...span('x', { kind, start: 0, end: 1, error: true, attributes }),
  statusMessage,
});

describe('callOutcome', () => {
  it('reads an answer from HTTP and gRPC statuses, on any kind of span', () => {
    expect(callOutcome(s('CLIENT', { 'http.response.status_code': { intValue: '503' } }))).toBe(CallOutcome.ANSWERED);
    expect(callOutcome(s('CLIENT', { 'http.status_code': { stringValue: '502' } }))).toBe(CallOutcome.ANSWERED);
    expect(callOutcome(s('SERVER', { 'rpc.grpc.status_code': { intValue: '14' } }))).toBe(CallOutcome.ANSWERED);
    // A status wins over a timeout-sounding message: the caller did get a reply.
    expect(callOutcome(s('CLIENT', { 'http.response.status_code': { intValue: '504' } }, 'upstream timed out'))).toBe(CallOutcome.ANSWERED);
  });

  it('reads a timeout from gRPC DEADLINE_EXCEEDED, error.type, the status message or an exception event', () => {
    expect(callOutcome(s('CLIENT', { 'rpc.grpc.status_code': { intValue: '4' } }))).toBe(CallOutcome.TIMED_OUT);
    expect(callOutcome(s('CLIENT', { 'error.type': { stringValue: 'timeout' } }))).toBe(CallOutcome.TIMED_OUT);
    expect(callOutcome(s('CLIENT', {}, 'call to http://x/y timed out after 400 ms'))).toBe(CallOutcome.TIMED_OUT);
    const withException = { ...s('INTERNAL'), events: [{ name: 'exception', timeUnixNano: 0n, droppedAttributesCount: 0, attributes: { 'exception.type': { stringValue: 'AbortError' } } }] };
    expect(callOutcome(withException)).toBe(CallOutcome.TIMED_OUT);
  });

  it("reads gRPC CANCELLED as aborted, and ignores a server span's message (it repeats its downstream's failure)", () => {
    expect(callOutcome(s('SERVER', { 'rpc.grpc.status_code': { intValue: '1' } }))).toBe(CallOutcome.ABORTED);
    expect(callOutcome(s('SERVER', { 'error.type': { stringValue: 'timeout' } }, 'pricing failed: call timed out'))).toBe(CallOutcome.UNKNOWN);
    expect(callOutcome(s('CLIENT', {}, 'connection refused'))).toBe(CallOutcome.UNKNOWN);
  });
});
