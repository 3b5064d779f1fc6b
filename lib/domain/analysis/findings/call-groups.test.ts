import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { analyzeTrace } from '../analyze-trace';
import type { AnalysisOptions } from '../analysis-options';

const of = (spans: ReturnType<typeof span>[], type: string, options?: AnalysisOptions) => analyzeTrace(spans, options).findings.filter((f) => f.type === type);

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
    expect(found[0]!.summary).toBe('checkout checkout-op called POST /charge on payments 4 times (3 failed, the last succeeded)');
  });

  it('respects the threshold and needs a failure', () => {
    expect(of([root, ...attempts], 'retry-storm', { retryStormMinAttempts: 5 })).toEqual([]);
    const allOk = [root, ...attempts.map((s) => ({ ...s, statusCode: 0 as const }))];
    expect(of(allOk, 'retry-storm')).toEqual([]);
  });

  it('does not call retries that recovered after fewer failures than the threshold a storm', () => {
    // checkout: POST /charge ERROR, POST /charge ERROR, POST /charge ok (backoff between): resilience working
    const recovered = [root, ...attempts.filter((s) => s.spanId !== 'c0' && s.spanId !== 's0')];
    expect(of(recovered, 'retry-storm')).toEqual([]);
    // ... but three failures in a row that did not recover are.
    const failedToo = recovered.map((s) => (s.spanId === 'c3' || s.spanId === 's3' ? { ...s, statusCode: 2 as const } : s));
    expect(of(failedToo, 'retry-storm').map((f) => f.summary)).toEqual(['checkout checkout-op called POST /charge on payments 3 times (3 failed)']);
  });

  it('groups calls by their target, not by a generic span name', () => {
    // api [0 ──────────── 40]
    // ├── POST url.full …/lock/acquire?seat=12 [0 ─ 9]   ok
    // ├── POST url.full …/lock/acquire?seat=13 [10 ─ 19] ERROR (busy)
    // └── POST url.full …/lock/release?seat=12 [20 ─ 29] ok
    const call = (id: string, url: string, start: number, error = false) =>
      span(id, {
        service: 'api',
        host: 'h',
        parent: 'root',
        kind: 'CLIENT',
        name: 'POST',
        start,
        end: start + 9,
        error,
        attributes: { 'url.full': { stringValue: url }, 'server.address': { stringValue: 'seats' } },
      });
    const base = 'http://seats:8080/lock';
    const distinct = [root, call('a', `${base}/acquire?seat=12`, 0), call('b', `${base}/acquire?seat=13`, 10, true), call('r', `${base}/release?seat=12`, 20)];
    expect(of(distinct, 'retry-storm')).toEqual([]);
    // The same URL (query aside) three times with failures is a retry storm.
    const same = [root, call('a', `${base}/acquire?seat=13`, 0, true), call('b', `${base}/acquire?seat=13`, 10, true), call('c', `${base}/acquire?try=3`, 20, true)];
    expect(of(same, 'retry-storm').map((f) => f.summary)).toEqual(['checkout checkout-op called http://seats:8080/lock/acquire on seats 3 times (3 failed)']);
  });

  it('does not call a parallel batch a retry storm', () => {
    const parallel = [0, 1, 2, 3].map((k) =>
      span(`p${k}`, { host: 'h', parent: 'root', name: 'GET', kind: 'CLIENT', attributes: { 'peer.service': { stringValue: 'db' } }, start: 1, end: 9, error: true }),
    );
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

describe('N+1 calls', () => {
  // seats /seatmap [0 ───────────────────── 45]
  // ├── SELECT db.statement "SELECT * FROM seats WHERE id = $1" [0 ─ 1]
  // ├── SELECT (same statement) [1 ─ 2]      … 40 of them, one after another
  // └── SELECT (same statement) [39 ─ 40]
  const root = span('root', { service: 'seats', host: 'h', start: 0, end: 45 });
  const query = (k: number, statement: string, start = k) =>
    span(`q${k}`, {
      service: 'seats',
      host: 'h',
      parent: 'root',
      kind: 'CLIENT',
      name: 'SELECT',
      start,
      end: start + 1,
      attributes: { 'db.statement': { stringValue: statement }, 'db.system': { stringValue: 'postgresql' } },
    });

  it('reports the same query issued one after another many times', () => {
    const found = of([root, ...Array.from({ length: 40 }, (_, k) => query(k, 'SELECT * FROM seats WHERE id = $1'))], 'n-plus-one');
    expect(found.map((f) => f.summary)).toEqual(['seats seats-op called SELECT * FROM seats WHERE id = $1 on postgresql 40 times one after another (40ms in all)']);
    expect(found[0]!.services).toEqual(['seats', 'postgresql']);
  });

  it('does not report different statements, fewer calls than the threshold, or a parallel batch (a fan-out)', () => {
    expect(of([root, ...Array.from({ length: 40 }, (_, k) => query(k, `SELECT * FROM t${k % 5}`))], 'n-plus-one')).toEqual([]);
    expect(of([root, ...Array.from({ length: 9 }, (_, k) => query(k, 'SELECT 1'))], 'n-plus-one')).toEqual([]);
    expect(of([root, ...Array.from({ length: 12 }, (_, k) => query(k, 'SELECT 1', 0))], 'n-plus-one')).toEqual([]);
  });
});
