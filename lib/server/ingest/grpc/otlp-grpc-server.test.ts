import { describe, expect, it } from 'vitest';
import { httpBindHost } from './otlp-grpc-server';

describe('httpBindHost', () => {
  it('follows next start -H / --hostname, else all interfaces', () => {
    expect(httpBindHost(['node', 'next', 'start', '-p', '3000', '-H', '127.0.0.1'])).toBe('127.0.0.1');
    expect(httpBindHost(['node', 'next', 'start', '--hostname', '::1'])).toBe('::1');
    expect(httpBindHost(['node', 'next', 'start', '--hostname=10.0.0.5'])).toBe('10.0.0.5');
    expect(httpBindHost(['node', 'next', 'start', '-p', '3000'])).toBe('0.0.0.0');
  });
});
