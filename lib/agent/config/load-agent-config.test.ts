import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAgentConfig, parseAgentConfig } from './load-agent-config';

const dir = mkdtempSync(path.join(tmpdir(), 'th-agent-config-'));
function file(name: string, text: string): string {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
}

describe('loadAgentConfig', () => {
  it('reads YAML with defaults, and the environment and --control-listen override it', async () => {
    const config = await loadAgentConfig({
      file: file(
        'a.yaml',
        'name: edge\nroutes:\n  - { name: payment, protocol: http, listen: "4001", upstream: "http://127.0.0.1:5001", capture: { sampleRate: 0.5 } }\n  - { name: pg, protocol: tcp, listen: ":6432", upstream: "127.0.0.1:5432" }\n',
      ),
      controlListen: '127.0.0.1:9000',
      env: { TRACEHOUND_AGENT_TOKEN: 'a-token-of-16-chars', TRACEHOUND_DASHBOARD_URL: 'http://127.0.0.1:3000' },
    });
    expect(config.control).toEqual({ listen: '127.0.0.1:9000', token: 'a-token-of-16-chars' });
    expect(config.dashboard).toEqual({ url: 'http://127.0.0.1:3000', tenant: 'default' });
    expect(config.routes.map((r) => r.name)).toEqual(['payment', 'pg']);
    expect(config.caps.maxFaultMs).toBe(600_000);
  });

  it('starts with no file and no routes', async () => {
    expect((await loadAgentConfig({ controlListen: '127.0.0.1:0', env: {} })).routes).toEqual([]);
  });

  it('names the problem in one line', async () => {
    const bad = async (text: string) => (await loadAgentConfig({ file: file('bad.yaml', text), env: {} }).catch((e: Error) => e.message)) as string;
    expect(await bad('routes: [{ name: a, protocol: http, listen: "x", upstream: "http://h" }]')).toBe('invalid agent config: routes.0.listen: must be HOST:PORT (port 0-65535)');
    expect(await bad('routes: [{ name: a, protocol: http, listen: "1", upstream: "ftp://h" }]')).toBe('invalid agent config: routes.0.upstream: must be an http(s) URL without credentials');
    expect(await bad('caps: { maxFaultMs: -1 }')).toMatch(/^invalid agent config: caps\.maxFaultMs: /);
    expect(await bad('routes: [{ name: a, protocol: tcp, listen: "1", upstream: "h:1" }, { name: a, protocol: tcp, listen: "2", upstream: "h:1" }]')).toBe(
      'invalid agent config: routes.1.name: duplicate route name "a"',
    );
    expect(await bad('nonsense: 1')).toMatch(/^invalid agent config: config: Unrecognized key: "nonsense"/);
    expect(await bad('a: [')).toMatch(/^config file .* is not valid YAML\/JSON: /);
    expect(await loadAgentConfig({ file: path.join(dir, 'missing.yaml') }).catch((e: Error) => e.message)).toMatch(/^cannot read config file .*missing\.yaml: ENOENT$/);
  });

  it('refuses a control API off loopback without a token', () => {
    expect(() => parseAgentConfig({ control: { listen: '0.0.0.0:8474' } })).toThrow('control.token is required when control.listen (0.0.0.0:8474) is not a loopback address');
    expect(parseAgentConfig({ control: { listen: '0.0.0.0:8474', token: 'sixteen-chars-ok' } }).control.listen).toBe('0.0.0.0:8474');
  });
});
