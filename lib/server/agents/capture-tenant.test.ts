import { describe, expect, it } from 'vitest';
import { captureTenant } from './capture-tenant';

const request = (tenant?: string) => new Request('http://x/api/agent-captures', { headers: tenant ? { 'x-scope-orgid': tenant } : {} });

describe('captureTenant', () => {
  it('uses X-Scope-OrgID, default "default", within the principal\'s tenants', () => {
    expect(captureTenant(request(), { tenants: null })).toBe('default');
    expect(captureTenant(request('team-a'), { tenants: ['team-a'] })).toBe('team-a');
    expect(() => captureTenant(request('team-b'), { tenants: ['team-a'] })).toThrow('This credential may not use tenant "team-b".');
    expect(() => captureTenant(request('bad tenant!'), { tenants: null })).toThrow(/X-Scope-OrgID/);
  });
});
