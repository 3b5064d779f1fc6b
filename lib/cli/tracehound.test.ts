// Spawns the real CLI (bin/tracehound.mjs and the npm-script entry) on fixture files.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const fixture = (name: string) => path.join('test/fixtures/traces', name);

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['bin/tracehound.mjs', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tracehound analyze', { timeout: 60_000 }, () => {
  it('prints the report for an OTLP JSON export', () => {
    const { code, stdout } = run(['analyze', fixture('checkout-otlp.json')]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.traces).toHaveLength(1);
    const trace = report.traces[0];
    expect(Object.keys(trace)).toEqual(['traceId', 'spans', 'hostOffsets', 'criticalPath', 'selfTimeByService', 'likelyCause', 'findings']);
    expect(trace.spans[2]).toEqual({
      spanId: 'b000000000000001',
      parentSpanId: 'a000000000000002',
      service: 'payments',
      host: 'host.ip:10.0.0.2',
      name: 'POST /pay',
      startUnixNano: '1699999999820000000',
      endUnixNano: '1700000000780000000',
      correctedStartUnixNano: '1700000000020000000',
      correctedEndUnixNano: '1700000000980000000',
      skewOffsetNs: '200000000',
      skewReason: 'did not fit inside parent a000000000000002 on another host: centred, leftover split as network latency',
    });
    expect(trace.hostOffsets).toEqual([{ host: 'host.ip:10.0.0.2', referenceHost: 'host.ip:10.0.0.1', offsetNs: '-200000000', errorBoundNs: '11000000', samples: 1 }]);
    expect(trace.criticalPath.map((s: { spanId: string }) => s.spanId)).toEqual([
      'a000000000000001',
      'a000000000000002',
      'b000000000000001',
      'b000000000000002',
      'b000000000000001',
      'a000000000000002',
      'a000000000000001',
    ]);
    expect(trace.selfTimeByService).toEqual({ frontend: '40000000', payments: '960000000' });
    expect(trace.findings.map((f: { type: string }) => f.type)).toEqual(['root-cause-error', 'error-propagation', 'latency-hotspot', 'clock-skew']);
  });

  it('gives the same analysis for the Jaeger and Zipkin versions of the trace', () => {
    for (const file of ['checkout-jaeger.json', 'checkout-zipkin.json']) {
      const { code, stdout } = run(['analyze', fixture(file)]);
      expect(code).toBe(0);
      const trace = JSON.parse(stdout).traces[0];
      expect(trace.spans.map((s: { skewOffsetNs: string }) => s.skewOffsetNs)).toEqual(['0', '0', '200000000', '200000000']);
      expect(trace.findings.map((f: { type: string }) => f.type)).toEqual(['root-cause-error', 'error-propagation', 'latency-hotspot', 'clock-skew']);
    }
  });

  it('explains a cascading failure: timeout cascade, retry storm, root causes, hotspot', () => {
    // gateway GET /order [0 ────────────────────────── 2000] ERROR
    // ├── POST /reserve [10 ──── 1010] ERROR (deadline)
    // │   └── inventory POST /reserve [20 ──────────────────────── 3000]
    // │       └── SELECT stock FOR UPDATE [30 ─────────────────── 2990]
    // └── POST /charge ×3 [1020 ─ 1300] [1310 ─ 1600] [1610 ─ 1990] ERROR → payments ERROR
    const { code, stdout } = run(['analyze', '--fail-on', 'timeout-cascade', fixture('cascade-otlp.json')]);
    expect(code).toBe(1);
    const findings: { type: string; summary: string }[] = JSON.parse(stdout).traces[0].findings;
    const count = (type: string) => findings.filter((f) => f.type === type).length;
    expect([count('root-cause-error'), count('error-propagation'), count('timeout-cascade'), count('retry-storm'), count('latency-hotspot')]).toEqual([4, 4, 1, 1, 1]);
    expect(findings.find((f) => f.type === 'timeout-cascade')!.summary).toBe('gateway POST /reserve failed after 1s while its callee inventory POST /reserve was still running (ran 1.99s longer)');
    expect(findings.find((f) => f.type === 'retry-storm')!.summary).toBe('gateway GET /order called POST /charge on payments 3 times (3 failed)');
    expect(findings.find((f) => f.type === 'latency-hotspot')!.summary).toMatch(/^inventory SELECT stock FOR UPDATE spent 980ms/);
    // One most likely cause, first: the lock wait nobody could wait for, not the gateway that gave up.
    expect(JSON.parse(stdout).traces[0].likelyCause).toMatchObject({ type: 'timeout-cascade', service: 'inventory', severity: 'critical' });
  });

  it('applies host offsets estimated across all traces of the file, also to children that fit', () => {
    // web-1 → api-1 in three traces; api-1's raw server spans (client in brackets):
    //   a: [0 ─ 100] → [180 ─ 190]   θ ∈ [90, 180]
    //   b: [1000 ─ 1100] → [1130 ─ 1135]   θ ∈ [35, 130]
    //   c: [2000 ─── 2200] → [2150 ─ 2160]   fits, θ ∈ [−40, 150]
    // together: θ ∈ [90, 130] = 110 ± 20 ms, so c's server moves by −110 ms although it fit
    const { code, stdout } = run(['analyze', fixture('three-traces-otlp.json')]);
    expect(code).toBe(0);
    const traces = JSON.parse(stdout).traces;
    expect(traces.map((t: { spans: { skewOffsetNs: string }[] }) => t.spans[1]!.skewOffsetNs)).toEqual(['-110000000', '-110000000', '-110000000']);
    expect(traces[2].spans[1].skewReason).toBe("cross-trace estimate of host.name:api-1's clock against host.name:web-1");
    expect(traces[2].findings.filter((f: { type: string }) => f.type === 'clock-skew').map((f: { summary: string }) => f.summary)).toEqual([
      'clock of host.name:api-1 is about 110ms ahead: its 1 span(s) in this trace were shifted by -110ms',
    ]);
  });

  it('exits 1 with --fail-on when such a finding exists, 0 otherwise', () => {
    expect(run(['analyze', '--fail-on', 'root-cause-error', fixture('checkout-zipkin.json')]).code).toBe(1);
    expect(run(['analyze', '--fail-on=retry-storm', fixture('checkout-zipkin.json')]).code).toBe(0);
  });

  it('honours SKEW_WARN_MS', () => {
    const { stdout } = run(['analyze', fixture('checkout-otlp.json')], { SKEW_WARN_MS: '500' });
    expect(JSON.parse(stdout).traces[0].findings.map((f: { type: string }) => f.type)).not.toContain('clock-skew');
  });

  it('exits 2 with a message for unreadable input and bad usage', () => {
    const broken = run(['analyze', fixture('not-json.json')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/cannot read .*not-json\.json/);
    expect(broken.stdout).toBe('');
    expect(run(['analyze', fixture('unknown-shape.json')]).stderr).toMatch(/not a trace file/);
    expect(run(['analyze', 'no/such/file.json']).code).toBe(2);
    expect(run(['analyze', '--fail-on', 'nonsense', fixture('checkout-otlp.json')]).code).toBe(2);
    expect(run(['analyze']).code).toBe(2);
    expect(run(['frobnicate']).code).toBe(2);
  });

  it('runs through the npm script entry (tsx lib/cli/analyze.ts)', () => {
    const tsx = path.join(root, 'node_modules/.bin/tsx');
    const result = spawnSync(tsx, ['lib/cli/analyze.ts', '--fail-on', 'clock-skew', fixture('checkout-jaeger.json')], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).traces[0].traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });
});
