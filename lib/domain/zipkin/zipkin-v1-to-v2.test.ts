import { describe, expect, it } from 'vitest';
import { zipkinV1ToV2 } from './zipkin-v1-to-v2';

const web = { serviceName: 'web', ipv4: '10.0.0.1' };
const api = { serviceName: 'api', ipv4: '10.0.0.2', port: 8080 };

describe('zipkinV1ToV2', () => {
  it('splits a v1 span holding both halves into a CLIENT span and a shared SERVER span', () => {
    const [client, server] = zipkinV1ToV2([
      {
        traceId: 't',
        id: 's',
        parentId: 'p',
        name: 'get',
        timestamp: 100,
        duration: 50,
        debug: true,
        annotations: [
          { timestamp: 100, value: 'cs', endpoint: web },
          { timestamp: 110, value: 'sr', endpoint: api },
          { timestamp: 120, value: 'cache miss', endpoint: api },
          { timestamp: 140, value: 'ss', endpoint: api },
          { timestamp: 150, value: 'cr', endpoint: web },
        ],
        binaryAnnotations: [
          { key: 'http.path', value: '/x', endpoint: web },
          { key: 'db.rows', value: 3, endpoint: api },
          { key: 'sa', value: true, endpoint: api },
          { key: 'ca', value: true, endpoint: web },
        ],
      },
    ]) as Record<string, unknown>[];
    expect(client).toEqual({
      traceId: 't',
      id: 's',
      parentId: 'p',
      name: 'get',
      kind: 'CLIENT',
      localEndpoint: web,
      timestamp: 100,
      duration: 50,
      debug: true,
      annotations: [],
      tags: { 'http.path': '/x' },
      remoteEndpoint: api,
    });
    expect(server).toEqual({
      traceId: 't',
      id: 's',
      parentId: 'p',
      name: 'get',
      kind: 'SERVER',
      localEndpoint: api,
      timestamp: 110,
      duration: 30,
      shared: true,
      debug: true,
      annotations: [{ timestamp: 120, value: 'cache miss' }],
      tags: { 'db.rows': '3' },
      remoteEndpoint: web,
    });
  });

  it('a server half without timestamp (zipkin-js shared) is shared; one with it owns the span', () => {
    const [shared] = zipkinV1ToV2([
      {
        traceId: 't',
        id: 's',
        annotations: [
          { timestamp: 5, value: 'sr', endpoint: api },
          { timestamp: 9, value: 'ss', endpoint: api },
        ],
      },
    ]) as Record<string, unknown>[];
    expect(shared).toMatchObject({ kind: 'SERVER', timestamp: 5, duration: 4, shared: true, localEndpoint: api });
    const [owned] = zipkinV1ToV2([{ traceId: 't', id: 's', timestamp: 5, duration: 4, annotations: [{ timestamp: 5, value: 'sr', endpoint: api }] }]) as Record<string, unknown>[];
    expect(owned).toMatchObject({ kind: 'SERVER', timestamp: 5, duration: 4 });
    expect(owned).not.toHaveProperty('shared');
  });

  it('a local span takes its service from the lc annotation; non-objects pass through', () => {
    const [local, junk] = zipkinV1ToV2([{ traceId: 't', id: 'l', name: 'compute', timestamp: 1, duration: 2, binaryAnnotations: [{ key: 'lc', value: 'worker', endpoint: web }] }, 42]) as [
      Record<string, unknown>,
      unknown,
    ];
    expect(local).toEqual({ traceId: 't', id: 'l', name: 'compute', localEndpoint: web, timestamp: 1, duration: 2, annotations: [], tags: { lc: 'worker' } });
    expect(junk).toBe(42);
  });

  it('a span without endpoints (zipkin-js local span) takes the service of its parent, the server half first', () => {
    const out = zipkinV1ToV2([
      { traceId: 't', id: 'c', name: 'db', timestamp: 3, duration: 1, parentId: 's' },
      {
        traceId: 't',
        id: 's',
        annotations: [
          { timestamp: 1, value: 'cs', endpoint: web },
          { timestamp: 2, value: 'sr', endpoint: api },
        ],
      },
      { traceId: 't', id: 'g', name: 'grandchild', timestamp: 3, duration: 1, parentId: 'c' },
      { traceId: 't', id: 'o', name: 'orphan', timestamp: 3, duration: 1, parentId: 'x' },
    ]) as Record<string, unknown>[];
    expect(out.map((s) => [s.id, s.kind, (s.localEndpoint as { serviceName?: string } | undefined)?.serviceName])).toEqual([
      ['c', undefined, 'api'],
      ['s', 'CLIENT', 'web'],
      ['s', 'SERVER', 'api'],
      ['g', undefined, 'api'],
      ['o', undefined, undefined],
    ]);
  });
});
