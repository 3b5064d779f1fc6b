import { describe, expect, it } from 'vitest';
import { decodeOtlpLogsJson } from './decode-otlp-json';
import { logsFromOtlp } from './logs-from-otlp';
import { anyValueAsString } from '../model/any-value-json';

const str = (v: string) => ({ stringValue: v });

function request(resource: [string, unknown][], record: Record<string, unknown>, scope: Record<string, unknown> = {}) {
  return decodeOtlpLogsJson(
    JSON.stringify({
      resourceLogs: [
        {
          resource: { attributes: resource.map(([key, value]) => ({ key, value })) },
          scopeLogs: [{ scope, logRecords: [{ timeUnixNano: '1700000000000000001', body: str('x'), ...record }] }],
        },
      ],
    }),
  );
}

describe('OTLP logs follow Loki conventions', () => {
  const resource: [string, unknown][] = [
    ['service.name', str('api')],
    ['service.namespace', str('shop')],
    ['k8s.pod.name', str('api-7')],
    ['deployment.environment.name', str('prod')],
    ['process.pid', { intValue: '4242' }],
    ['host.name', str('node-1')],
    ['telemetry.sdk.language', str('nodejs')],
  ];

  it('promotes only the standard resource attributes to stream labels; the rest, scope and record attributes are metadata', () => {
    const { logs } = logsFromOtlp(
      request(resource, { attributes: [{ key: 'http.route', value: str('/cart') }] }, { name: 'lg', version: '1.2', attributes: [{ key: 'lib.kind', value: str('winston') }] }),
      't',
    );
    expect(logs[0]!.labels).toEqual({ service_name: 'api', service_namespace: 'shop', k8s_pod_name: 'api-7', deployment_environment_name: 'prod' });
    expect(logs[0]!.metadata).toEqual({
      process_pid: '4242',
      host_name: 'node-1',
      telemetry_sdk_language: 'nodejs',
      lib_kind: 'winston',
      scope_name: 'lg',
      scope_version: '1.2',
      http_route: '/cart',
    });
  });

  it('keeps one stream across restarts (a new process.pid changes metadata, not labels)', () => {
    const a = logsFromOtlp(request(resource, {}), 't').logs[0]!;
    const b = logsFromOtlp(
      request(
        resource.map(([k, v]) => [k, k === 'process.pid' ? { intValue: '5555' } : v]),
        {},
      ),
      't',
    ).logs[0]!;
    expect(b.labels).toEqual(a.labels);
    expect(b.metadata.process_pid).toBe('5555');
  });

  it('uses the configured set of promoted attributes', () => {
    const { logs } = logsFromOtlp(request(resource, {}), 't', undefined, { indexLabels: new Set(['host.name']) });
    expect(logs[0]!.labels).toEqual({ service_name: 'api', host_name: 'node-1' });
    expect(logs[0]!.metadata).toMatchObject({ k8s_pod_name: 'api-7', process_pid: '4242' });
  });

  it('lets a record attribute win over a resource attribute of the same name, and expands map attributes as Loki does', () => {
    const { logs } = logsFromOtlp(
      request(
        [
          ['service.name', str('api')],
          ['region', str('r-res')],
        ],
        {
          attributes: [
            { key: 'region', value: str('r-rec') },
            {
              key: 'user',
              value: {
                kvlistValue: {
                  values: [
                    { key: 'id', value: { intValue: '7' } },
                    { key: 'geo', value: { kvlistValue: { values: [{ key: 'cc', value: str('fr') }] } } },
                  ],
                },
              },
            },
          ],
        },
      ),
      't',
    );
    expect(logs[0]!.metadata).toMatchObject({ region: 'r-rec', user_id: '7', user_geo_cc: 'fr' });
  });

  it("keeps a map body's types: numbers stay numbers, nested maps stay nested", () => {
    const body = {
      kvlistValue: {
        values: [
          { key: 'msg', value: str('paid') },
          { key: 'amount', value: { doubleValue: 12.5 } },
          { key: 'items', value: { intValue: '3' } },
          { key: 'big', value: { intValue: '9223372036854775807' } },
          { key: 'ok', value: { boolValue: true } },
          { key: 'tags', value: { arrayValue: { values: [str('a'), { intValue: '2' }] } } },
          { key: 'user', value: { kvlistValue: { values: [{ key: 'id', value: { intValue: '42' } }] } } },
        ],
      },
    };
    const line = logsFromOtlp(request([['service.name', str('api')]], { body }), 't').logs[0]!.line;
    expect(line).toBe('{"msg":"paid","amount":12.5,"items":3,"big":9223372036854775807,"ok":true,"tags":["a",2],"user":{"id":42}}');
    expect(JSON.parse(line)).toMatchObject({ amount: 12.5, items: 3, user: { id: 42 } });
  });

  it('renders scalar bodies as text', () => {
    expect(anyValueAsString({ intValue: '5' })).toBe('5');
    expect(anyValueAsString({ boolValue: false })).toBe('false');
    expect(anyValueAsString(undefined)).toBe('');
    expect(anyValueAsString({ arrayValue: { values: [{ doubleValue: Number.NaN }] } })).toBe('[null]');
  });
});
