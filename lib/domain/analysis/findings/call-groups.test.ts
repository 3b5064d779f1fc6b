import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { analyzeTrace } from '../analyze-trace';
import type { AnalysisOptions } from '../analysis-options';

const of = (spans: ReturnType<typeof span>[], type: string, options?: AnalysisOptions) =>
  analyzeTrace(spans, options).findings.filter((f) => f.type === type);

describe('retry storms', () => {
  // checkout [0 ───────────────────────────── 100]
  // ├── POST /charge [0 ─ 10] ERROR   → payments server
  // ├── POST /charge [20 ─ 30] ERROR  → payments server
  // ├── POST /charge [40 ─ 50] ERROR  → payments server
  // └── POST /charge [60 ─ 70] ok     → payments server
  const attempts = [0, 20, 40, 60].flatMap((t, k) => [
    span(`c${k}`, { service: 'checkout', host: 'h', parent: 'root', kind: 'CLIENT', name: 'POST /charge', start: t, end: t + 10, error: k < 3 }),
    span(`s${k}`, { service: 'payments', host: 'h', parent: `c${k}`, kind: 'SERVER', start: t + 1, end: t + 9, error: k < 3 }),
  ]);
  const root = span('root', { service: 'checkout', host: 'h', start: 0, end: 100 });

  it('reports the same operation on the same downstream repeated N+ times with failures', () => {
    const found = of([root, ...attempts], 'retry-storm');
    expect(found).toHaveLength(1);
    expect(found[0]!.spanIds).toEqual(['root', 'c0', 'c1', 'c2', 'c3']);
    expect(found[0]!.services).toEqual(['checkout', 'payments']);
    expect(found[0]!.summary).toBe('checkout checkout-op called POST /charge on payments 4 times (3 failed)');
  });

  it('respects the threshold and needs a failure', () => {
    expect(of([root, ...attempts], 'retry-storm', { retryStormMinAttempts: 5 })).toEqual([]);
    const allOk = [root, ...attempts.map((s) => ({ ...s, statusCode: 0 as const }))];
    expect(of(allOk, 'retry-storm')).toEqual([]);
  });

  it('does not call a parallel batch a retry storm', () => {
    const parallel = [0, 1, 2, 3].map((k) => span(`p${k}`, { host: 'h', parent: 'root', name: 'GET', kind: 'CLIENT', attributes: { 'peer.service': { stringValue: 'db' } }, start: 1, end: 9, error: true }));
    expect(of([root, ...parallel], 'retry-storm')).toEqual([]);
  });
});

describe('fan-out bursts', () => {
  // api [0 ────────── 100]
  // ├── GET x12 → "cache" (peer.service), all open during [10, 20]
  // └── GET x3 → "db", sequential
  const root = span('api', { service: 'api', host: 'h', start: 0, end: 100 });
  const burst = Array.from({ length: 12 }, (_, k) =>
    span(`f${k}`, { service: 'api', host: 'h', parent: 'api', kind: 'CLIENT', name: `GET /item/${k}`, attributes: { 'peer.service': { stringValue: 'cache' } }, start: 10 + k * 0.1, end: 20 + k }),
  );
  const sequential = Array.from({ length: 12 }, (_, k) =>
    span(`d${k}`, { service: 'api', host: 'h', parent: 'api', kind: 'CLIENT', name: 'SELECT', attributes: { 'db.system': { stringValue: 'postgresql' } }, start: 40 + k * 4, end: 44 + k * 4 }),
  );

  it('reports many concurrent calls from one parent to one service', () => {
    const found = of([root, ...burst, ...sequential], 'fan-out-burst');
    expect(found).toHaveLength(1);
    expect(found[0]!.spanIds).toHaveLength(13);
    expect(found[0]!.services).toEqual(['api', 'cache']);
    expect(found[0]!.summary).toBe('api api-op had 12 calls to cache open at once (12 in 21ms)');
  });

  it('treats calls that end exactly when the next starts as not concurrent', () => {
    expect(of([root, ...sequential], 'fan-out-burst', { fanOutMinConcurrent: 2 })).toEqual([]);
    expect(of([root, ...burst], 'fan-out-burst', { fanOutMinConcurrent: 13 })).toEqual([]);
  });
});
