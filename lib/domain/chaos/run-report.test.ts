import { describe, expect, it } from 'vitest';
import type { RunResult } from './run-result';
import { runReportMarkdown } from './run-report';

const run: RunResult = {
  id: 'r1',
  tenant: 'default',
  experimentId: null,
  experimentVersion: null,
  definition: {
    name: 'payment | slow',
    description: '',
    hypothesis: { indicators: [{ name: 'p95', selection: '{ name = "a`b" }', metric: 'p95', max: 500 }] },
    method: [{ agent: 'edge-1', route: 'payment', fault: { type: 'latency', delayMs: 800 }, startOffsetSeconds: 0 }],
    durationSeconds: 30,
    stopConditions: [],
    baselineSeconds: 300,
    recoverySeconds: 10,
  },
  dryRun: false,
  status: 'aborted',
  startedBy: 'op@example.com',
  createdAt: '2026-11-28T18:00:00.000Z',
  injectionStartedAt: '2026-11-28T18:00:00.100Z',
  finishedAt: '2026-11-28T18:00:12.000Z',
  faults: [],
  journal: [{ at: '2026-11-28T18:00:00.000Z', step: 'run.start', status: 'ok', output: {} }],
  indicators: { before: [{ name: 'p95', metric: 'p95', value: 80, spans: 10, fromIso: '', toIso: '' }], during: [{ name: 'p95', metric: 'p95', value: 812.5, spans: 12, fromIso: '', toIso: '' }] },
  verdict: 'steady state deviated',
  abortReason: 'stop condition breached',
  lastCheck: null,
  checks: [],
  traces: { faulted: ['aa'], clean: ['bb'], faultedRequests: 7 },
  comparison: [{ service: 'gateway', name: 'POST /orders|x', before: { count: 3, errorRate: 0, p95Ms: 20 }, during: { count: 4, errorRate: 0.5, p95Ms: 900 }, onlyDuring: false }],
  findings: [{ type: 'timeout-cascade', faultedTraces: 2, cleanTraces: 0, onlyFaulted: true, example: { traceId: 'aa', summary: 'gateway timed out', services: ['gateway'] } }],
};

describe('runReportMarkdown', () => {
  const md = runReportMarkdown(run, (id) => `/traces/${id}`);

  it('states status, reason, verdict, indicators before → during and findings with trace links', () => {
    expect(md).toContain('# Chaos run: payment \\| slow');
    expect(md).toContain('- Status: **aborted** — stop condition breached');
    expect(md).toContain('| p95 (p95) | `{ name = "a\'b" }` | 80 | 812.500 | — |');
    expect(md).toContain('| timeout-cascade (only under the fault) | 2 | 0 | [gateway timed out](/traces/aa) |');
    expect(md).toContain('- faulted: [aa](/traces/aa)');
  });

  it('escapes pipes in untrusted operation names so the table keeps its columns', () => {
    expect(md).toContain('| gateway: POST /orders\\|x | 3 → 4 | 0 → 0.500 | 20 → 900 |');
  });
});
