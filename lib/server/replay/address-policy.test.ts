import { describe, expect, it } from 'vitest';
import { addressPolicy } from './address-policy';
import { targetUrl } from './safe-send';

describe('addressPolicy', () => {
  it('without allowed addresses admits public unicast only: no loopback, private, link-local/metadata, CGNAT, mapped', () => {
    const p = addressPolicy([]);
    expect(['93.184.216.34', '2606:4700::1111'].map((a) => p.allows(a))).toEqual([true, true]);
    expect(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1'].filter((a) => p.allows(a))).toEqual([]);
  });

  it('with allowed addresses admits only those (single addresses and ranges, v4 and v6)', () => {
    const p = addressPolicy(['127.0.0.1', '10.20.0.0/16', '::1']);
    expect(['127.0.0.1', '10.20.9.9', '::1'].every((a) => p.allows(a))).toBe(true);
    expect(['127.0.0.2', '10.21.0.1', '93.184.216.34', 'not-an-ip'].some((a) => p.allows(a))).toBe(false);
  });
});

describe('targetUrl', () => {
  it("joins the request path to the target's base path and never leaves its origin", () => {
    expect(targetUrl('http://staging.internal:8080/shop', '/api/x?y=1').href).toBe('http://staging.internal:8080/shop/api/x?y=1');
    expect(() => targetUrl('http://staging.internal', '//evil.example/x')).toThrow(/single "\/"/);
    expect(() => targetUrl('http://staging.internal', 'http://evil.example/x')).toThrow(/single "\/"/);
    expect(targetUrl('http://staging.internal', '/@evil.example/x').host).toBe('staging.internal');
  });
});
