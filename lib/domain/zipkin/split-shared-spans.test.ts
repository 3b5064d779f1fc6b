import { describe, expect, it } from 'vitest';
import { spansFromZipkin } from './spans-from-zipkin';
import { derivedServerId } from './split-shared-spans';

// frontend SERVER a [0 ───────────────── 100]
// └── frontend CLIENT s [10 ─────────── 90]      shared id s, client half
//     backend SERVER s [15 ──────── 85] shared   server half: becomes s' under s
//     ├── backend CLIENT d [20 ── 40]  parent s   → moves under s'
//     └── frontend "encode" [86 ─ 89]  parent s   the client's own local work: stays under s
const T = 'a3ce929d0e0e4736a3ce929d0e0e4736';
const zipkin = (z: Record<string, unknown>) => ({ traceId: T, timestamp: 1_700_000_000_000_000 + Number(z.t), duration: Number(z.d), ...z, t: undefined, d: undefined });
const a = zipkin({ id: '000000000000000a', kind: 'SERVER', name: 'get /', t: 0, d: 100, localEndpoint: { serviceName: 'frontend' } });
const client = zipkin({ id: '000000000000000b', parentId: '000000000000000a', kind: 'CLIENT', name: 'get', t: 10, d: 80, localEndpoint: { serviceName: 'frontend' } });
const server = zipkin({ id: '000000000000000b', parentId: '000000000000000a', kind: 'SERVER', name: 'get', t: 15, d: 70, shared: true, localEndpoint: { serviceName: 'backend' } });
const db = zipkin({ id: '000000000000000d', parentId: '000000000000000b', kind: 'CLIENT', name: 'query', t: 20, d: 20, localEndpoint: { serviceName: 'backend' } });
const encode = zipkin({ id: '000000000000000e', parentId: '000000000000000b', name: 'encode', t: 86, d: 3, localEndpoint: { serviceName: 'frontend' } });

const tree = (body: unknown[]) => spansFromZipkin(JSON.stringify(body), 'default').spans.map((s) => `${s.serviceName}:${s.name} ${s.spanId}<${s.parentSpanId}`);

describe('Zipkin shared spans at ingest', () => {
  const serverId = derivedServerId('000000000000000b');

  it("gives the server half its own id under the client half and moves the server's children under it", () => {
    expect(tree([a, client, server, db, encode])).toEqual([
      'frontend:get / 000000000000000a<null',
      'frontend:get 000000000000000b<000000000000000a',
      `backend:get ${serverId}<000000000000000b`,
      `backend:query 000000000000000d<${serverId}`,
      'frontend:encode 000000000000000e<000000000000000b',
    ]);
  });

  it('splits a server half sent in its own request (as the server process reports it), and one without the shared flag when its client half is in the batch', () => {
    expect(tree([server, db])).toEqual([`backend:get ${serverId}<000000000000000b`, `backend:query 000000000000000d<${serverId}`]);
    expect(tree([client, { ...server, shared: undefined }])[1]).toBe(`backend:get ${serverId}<000000000000000b`);
    // A lone SERVER span that is not shared keeps its id.
    expect(tree([{ ...server, shared: undefined }])).toEqual(['backend:get 000000000000000b<000000000000000a']);
  });
});
