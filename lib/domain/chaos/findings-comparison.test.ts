import { describe, expect, it } from 'vitest';
import type { Finding } from '../analysis/finding';
import { compareFindings } from './findings-comparison';

const finding = (type: Finding['type'], summary: string = type): Finding => ({ type, spanIds: [], services: ['gateway'], summary, severity: 'warning', confidence: 0.8 });

describe('compareFindings', () => {
  it('counts traces per finding type and puts the types seen only in faulted traces first, with an example', () => {
    const faulted = new Map([
      ['t1', [finding('timeout-cascade', 'gateway timed out waiting for payment'), finding('timeout-cascade'), finding('latency-hotspot')]],
      ['t2', [finding('latency-hotspot')]],
    ]);
    const clean = new Map([
      ['c1', [finding('latency-hotspot')]],
      ['c2', []],
    ]);
    expect(compareFindings(faulted, clean)).toEqual([
      { type: 'timeout-cascade', faultedTraces: 1, cleanTraces: 0, onlyFaulted: true, example: { traceId: 't1', summary: 'gateway timed out waiting for payment', services: ['gateway'] } },
      { type: 'latency-hotspot', faultedTraces: 2, cleanTraces: 1, onlyFaulted: false, example: { traceId: 't1', summary: 'latency-hotspot', services: ['gateway'] } },
    ]);
  });

  it('keeps types seen only in clean traces, without an example', () => {
    expect(compareFindings(new Map(), new Map([['c', [finding('retry-storm')]]]))).toEqual([{ type: 'retry-storm', faultedTraces: 0, cleanTraces: 1, onlyFaulted: false, example: null }]);
  });
});
