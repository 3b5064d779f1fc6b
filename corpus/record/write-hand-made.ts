// `npx tsx corpus/record/write-hand-made.ts` — writes the hand-made part of the corpus: trace classes the
// OpenTelemetry JS SDK cannot produce. The files are written by this script (not by hand) so their shape is
// reviewable here; times are microseconds, as both formats carry them.
// - traces/zipkin-shared.json: Zipkin v2 as Brave/zipkin-js report it — each call's client and server halves
//   under ONE span id (server half `shared: true`), the server's own calls naming the shared id as parent;
//   the backend host's clock is 200 ms ahead.
// - traces/jaeger-retries.json: a Jaeger JSON export with generic operation names (`POST`, `SELECT`):
//   a payment retried twice before succeeding, then forty identical queries one after another.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CorpusCase } from '../check/corpus-case';

const DIR = path.resolve(__dirname, '..');
const T0 = 1_764_000_000_000_000; // µs

function zipkinShared(): { spans: unknown[]; cases: CorpusCase[] } {
  const spans: unknown[] = [];
  const cases: CorpusCase[] = [];
  const ep = (serviceName: string, ipv4: string) => ({ serviceName, ipv4 });
  const FRONT = ep('frontend', '10.1.0.1');
  const BACK = ep('backend', '10.1.0.2');
  const INV = ep('inventory', '10.1.0.3');
  const SKEW = 200_000; // backend ahead
  for (let n = 0; n < 2; n++) {
    const traceId = `5af7183fb1d4cf5f${String(n).padStart(16, '0')}`;
    const t = T0 + n * 10_000_000;
    const id = (k: number) => `${String(n + 1).padStart(2, '0')}${String(k).padStart(14, '0')}`;
    const fail = n === 1;
    const z = (o: Record<string, unknown>) => spans.push({ traceId, ...o });
    z({ id: id(1), kind: 'SERVER', name: 'get /cart', timestamp: t, duration: 40_000, localEndpoint: FRONT, tags: fail ? { 'http.status_code': '502', error: '502' } : { 'http.status_code': '200' } });
    // frontend → backend, one id for both halves
    z({
      id: id(2),
      parentId: id(1),
      kind: 'CLIENT',
      name: 'get',
      timestamp: t + 2_000,
      duration: 35_000,
      localEndpoint: FRONT,
      remoteEndpoint: { serviceName: 'backend' },
      tags: fail ? { 'http.status_code': '502', error: '502' } : { 'http.status_code': '200' },
    });
    z({
      id: id(2),
      parentId: id(1),
      kind: 'SERVER',
      shared: true,
      name: 'get /items',
      timestamp: t + 3_000 + SKEW,
      duration: 33_000,
      localEndpoint: BACK,
      tags: fail ? { 'http.status_code': '502', error: '502' } : { 'http.status_code': '200' },
    });
    // backend's own work and its call to inventory name the shared id as parent
    z({ id: id(3), parentId: id(2), name: 'render', timestamp: t + 4_000 + SKEW, duration: 3_000, localEndpoint: BACK });
    z({
      id: id(4),
      parentId: id(2),
      kind: 'CLIENT',
      name: 'post',
      timestamp: t + 8_000 + SKEW,
      duration: 20_000,
      localEndpoint: BACK,
      remoteEndpoint: { serviceName: 'inventory' },
      tags: fail ? { 'http.status_code': '409', error: 'out of stock' } : { 'http.status_code': '200' },
    });
    z({
      id: id(4),
      parentId: id(2),
      kind: 'SERVER',
      shared: true,
      name: 'post /reserve',
      timestamp: t + 9_000,
      duration: 18_000,
      localEndpoint: INV,
      tags: fail ? { 'http.status_code': '409', error: 'out of stock' } : { 'http.status_code': '200' },
    });
    z({
      id: id(5),
      parentId: id(4),
      kind: 'CLIENT',
      name: 'update',
      timestamp: t + 10_000,
      duration: 15_000,
      localEndpoint: INV,
      remoteEndpoint: { serviceName: 'postgres' },
      tags: { 'db.statement': 'UPDATE stock SET n = n - 1' },
    });
    cases.push({
      file: 'traces/zipkin-shared.json',
      traceId: `00000000000000000000000000000000${traceId}`.slice(-32),
      system: 'zipkin-shared',
      scenario: fail ? 'shared-spans-error' : 'shared-spans-ok',
      ...(fail ? { cause: { type: 'root-cause-error', service: 'inventory' } } : {}),
      story: `frontend → backend → inventory over Brave-style shared spans, backend's clock 200 ms ahead${fail ? '; inventory answers 409 out of stock and the error travels up' : ''}`,
      expect: [...(fail ? [{ type: 'root-cause-error', service: 'inventory' }] : []), { type: 'clock-skew', host: '10.1.0.2' }],
      forbid: [{ type: 'service-cycle' }, { type: 'wait-for-cycle' }, { type: 'missing-parent' }, { type: 'timeout-cascade' }, { type: 'clock-skew', host: '10.1.0.3' }],
      allow: [{ type: 'latency-hotspot' }],
    });
  }
  return { spans, cases };
}

function jaegerRetries(): { data: unknown[]; cases: CorpusCase[] } {
  const traceID = '7d3efb1b173fecfa7d3efb1b173fecfa';
  const spans: Record<string, unknown>[] = [];
  const tag = (key: string, value: string | number | boolean) => ({ key, type: typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'bool' : 'int64', value });
  let k = 0;
  const add = (o: { parent?: string; name: string; start: number; duration: number; process: string; tags: ReturnType<typeof tag>[] }) => {
    const spanID = `c0ffee00000000${(++k).toString(16).padStart(2, '0')}`;
    spans.push({
      traceID,
      spanID,
      operationName: o.name,
      references: o.parent ? [{ refType: 'CHILD_OF', traceID, spanID: o.parent }] : [],
      startTime: T0 + o.start,
      duration: o.duration,
      tags: o.tags,
      logs: [],
      processID: o.process,
    });
    return spanID;
  };
  const root = add({ name: 'POST /checkout', start: 0, duration: 120_000, process: 'p1', tags: [tag('span.kind', 'server'), tag('http.status_code', 200)] });
  let t = 1_000;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const ok = attempt === 3;
    const c = add({
      parent: root,
      name: 'POST',
      start: t,
      duration: 6_000,
      process: 'p1',
      tags: [tag('span.kind', 'client'), tag('http.url', 'http://payments:8080/charge'), tag('http.status_code', ok ? 200 : 503), ...(ok ? [] : [tag('error', true)])],
    });
    add({
      parent: c,
      name: 'POST /charge',
      start: t + 500,
      duration: 5_000,
      process: 'p2',
      tags: [tag('span.kind', 'server'), tag('http.status_code', ok ? 200 : 503), ...(ok ? [] : [tag('error', true)])],
    });
    t += 6_000 + attempt * 5_000;
  }
  for (let q = 0; q < 40; q++, t += 1_500) {
    add({
      parent: root,
      name: 'SELECT',
      start: t,
      duration: 1_200,
      process: 'p1',
      tags: [tag('span.kind', 'client'), tag('db.system', 'postgresql'), tag('db.statement', 'SELECT price FROM items WHERE id = $1')],
    });
  }
  const processes = {
    p1: { serviceName: 'checkout', tags: [tag('hostname', 'ck-1')] },
    p2: { serviceName: 'payments', tags: [tag('hostname', 'pay-1')] },
  };
  return {
    data: [{ traceID, spans, processes }],
    cases: [
      {
        file: 'traces/jaeger-retries.json',
        traceId: traceID,
        system: 'jaeger',
        scenario: 'recovered-retry-and-n-plus-one',
        cause: { type: 'n-plus-one', service: 'checkout' },
        story: 'checkout retries a 503 from payments twice with backoff and succeeds, then reads forty prices one query at a time',
        expect: [
          { type: 'root-cause-error', service: 'payments' },
          { type: 'n-plus-one', service: 'checkout' },
        ],
        forbid: [{ type: 'retry-storm' }, { type: 'fan-out-burst' }, { type: 'timeout-cascade' }],
        allow: [{ type: 'latency-hotspot' }],
      },
    ],
  };
}

const zipkin = zipkinShared();
const jaeger = jaegerRetries();
writeFileSync(path.join(DIR, 'traces/zipkin-shared.json'), `${JSON.stringify(zipkin.spans, null, 1)}\n`);
writeFileSync(path.join(DIR, 'traces/jaeger-retries.json'), `${JSON.stringify({ data: jaeger.data }, null, 1)}\n`);
writeFileSync(path.join(DIR, 'hand-made-cases.json'), `${JSON.stringify([...zipkin.cases, ...jaeger.cases], null, 2)}\n`);
