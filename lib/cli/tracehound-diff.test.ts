// Spawns the real CLI (bin/tracehound.mjs) on trace files written from ASCII-drawn fixtures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { span, type FixtureSpan } from '@/test/support/trace-fixture';
import { otlpJsonFromSpans } from '@/test/support/otlp-json-from-spans';

const root = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'th-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/tracehound.mjs', 'diff', ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let files = 0;
function write(content: string): string {
  const file = path.join(dir, `t${files++}.json`);
  writeFileSync(file, content);
  return file;
}

// frontend GET /checkout [0 ───────── 100]
// ├── cart GET /cart [5 ── 20]
// └── payments POST /pay [30 ── 30+payMs]   (ERROR when payError)   span ids are hex: f1, c1, e1
function checkout(traceId: string, o: { payMs?: number; payError?: boolean; withoutCart?: boolean } = {}): string {
  const s = (id: string, f: FixtureSpan) => span(id.padStart(16, '0'), { ...f, parent: f.parent?.padStart(16, '0'), traceId });
  const spans = [
    s('f1', { service: 'frontend', name: 'GET /checkout', kind: 'SERVER', start: 0, end: 100 }),
    s('c1', { parent: 'f1', service: 'cart', name: 'GET /cart', kind: 'SERVER', start: 5, end: 20 }),
    s('e1', { parent: 'f1', service: 'payments', name: 'POST /pay', kind: 'SERVER', start: 30, end: 30 + (o.payMs ?? 40), error: o.payError }),
  ];
  return otlpJsonFromSpans(o.withoutCart ? spans.filter((x) => x.spanId !== 'c1'.padStart(16, '0')) : spans);
}
const A = '0000000000000000000000000000000a';
const B = '0000000000000000000000000000000b';

describe('tracehound diff', { timeout: 60_000 }, () => {
  const base = write(checkout(A));

  it('prints an empty diff for the same request, and passes every gate', () => {
    const { code, stdout, stderr } = run(['--fail-on', 'new-error,missing-span,p95+10', base, write(checkout(B))]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const diff = JSON.parse(stdout);
    expect(diff.traceIds).toEqual({ a: A, b: B });
    expect(diff.nodes.map((n: { key: string; change: string }) => `${n.change} ${n.key}`)).toEqual([
      'unchanged frontend GET /checkout',
      'unchanged frontend GET /checkout > cart GET /cart',
      'unchanged frontend GET /checkout > payments POST /pay',
    ]);
    expect(diff.firstDivergence).toBeNull();
  });

  it('exits 1 on --fail-on new-error when B has a new error, 0 without the gate', () => {
    const failing = write(checkout(B, { payError: true }));
    const gated = run(['--fail-on', 'new-error', base, failing]);
    expect(gated.code).toBe(1);
    expect(gated.stderr).toContain('new-error: 1 new error span(s)');
    expect(JSON.parse(gated.stdout).firstDivergence).toMatchObject({ key: 'frontend GET /checkout > payments POST /pay', reason: 'status' });
    expect(run([base, failing]).code).toBe(0);
    expect(run(['--fail-on', 'missing-span', base, failing]).code).toBe(0);
  });

  it('exits 1 on --fail-on missing-span when a call is gone', () => {
    const { code, stderr, stdout } = run(['--fail-on=missing-span', base, write(checkout(B, { withoutCart: true }))]);
    expect(code).toBe(1);
    expect(stderr).toContain('missing-span: 1 span(s) of A missing in B');
    expect(JSON.parse(stdout).summary.nodes.removed).toBe(1);
  });

  it('exits 1 on --fail-on p95+PCT when an operation got slower by more than PCT percent', () => {
    const slower = write(checkout(B, { payMs: 70 })); // 40 → 70 ms: +75 %
    const { code, stderr } = run(['--fail-on', 'p95+50', base, slower]);
    expect(code).toBe(1);
    expect(stderr).toContain('payments POST /pay p95 40.000 ms → 70.000 ms');
    expect(run(['--fail-on', 'p95+100', base, slower]).code).toBe(0);
  });

  it('takes a noise profile that absorbs jitter', () => {
    const jittered = write(checkout(B, { payMs: 45 }));
    const strict = write(JSON.stringify({ durationNs: 0, durationRatio: 0 }));
    const loose = write(JSON.stringify({ durationNs: 10_000_000, durationRatio: 0 }));
    expect(run(['--noise', strict, '--fail-on', 'p95+5', base, jittered]).code).toBe(1);
    const { code, stdout } = run(['--noise', loose, '--fail-on', 'p95+5', base, jittered]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).summary.nodes.changed).toBe(0);
    const bad = run(['--noise', write(JSON.stringify({ durationNs: -1 })), base, jittered]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('durationNs must be a number >= 0');
  });

  it('reads the formats of analyze: the Jaeger and OTLP copies of one trace do not differ', () => {
    const { code, stdout } = run(['test/fixtures/traces/checkout-otlp.json', 'test/fixtures/traces/checkout-jaeger.json']);
    expect(code).toBe(0);
    const diff = JSON.parse(stdout);
    expect(diff.summary.nodes).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 4 });
  });

  it('exits 2 with a clear message on bad usage or input', () => {
    expect(run([base]).stderr).toContain('diff needs two trace files');
    const badGate = run(['--fail-on', 'p99', base, base]);
    expect(badGate.code).toBe(2);
    expect(badGate.stderr).toContain('--fail-on p99: expected one of new-error, missing-span, p95+PCT');
    const several = run([base, 'test/fixtures/traces/three-traces-otlp.json']);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('three-traces-otlp.json holds 3 traces; diff compares one trace per file');
    const notJson = run([base, 'test/fixtures/traces/not-json.json']);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('cannot read test/fixtures/traces/not-json.json');
  });
});
