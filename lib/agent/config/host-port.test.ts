import { describe, expect, it } from 'vitest';
import { formatHostPort, isLoopbackHost, parseHostPort } from './host-port';

describe('host-port', () => {
  it('parses HOST:PORT, bare ports as loopback, and IPv6 in brackets', () => {
    expect(parseHostPort('10.0.0.1:8474')).toEqual({ host: '10.0.0.1', port: 8474 });
    expect(parseHostPort('8474')).toEqual({ host: '127.0.0.1', port: 8474 });
    expect(parseHostPort(':0')).toEqual({ host: '127.0.0.1', port: 0 });
    expect(parseHostPort('localhost:1')).toEqual({ host: '127.0.0.1', port: 1 });
    expect(parseHostPort('[::1]:9')).toEqual({ host: '::1', port: 9 });
    for (const bad of ['', 'x', 'h:70000', 'h:-1', 'a b:1', 'h:1:2']) expect(parseHostPort(bad)).toBeNull();
  });

  it('formats back and tells loopback from the rest', () => {
    expect(formatHostPort({ host: '::1', port: 9 })).toBe('[::1]:9');
    expect([isLoopbackHost('127.0.0.2'), isLoopbackHost('::1'), isLoopbackHost('0.0.0.0'), isLoopbackHost('10.0.0.1')]).toEqual([true, true, false, false]);
  });
});
