import { describe, expect, it } from 'vitest';
import { assertRunAllowed, skipReason, type PolicyContext } from './run-policy';

const ctx = (over: Partial<PolicyContext> = {}): PolicyContext => ({
  role: 'operator',
  target: { name: 't', environment: 'staging', allowedMethods: ['GET', 'POST'] },
  allowUnsafe: true,
  unsafeEnabled: true,
  ...over,
});

describe('run policy', () => {
  it('lets an operator replay unsafe methods to a non-production target when the server enables it', () => {
    expect(() => assertRunAllowed(ctx())).not.toThrow();
    expect(skipReason('POST', ctx())).toBeNull();
  });

  it('refuses the unsafe opt-in when REPLAY_UNSAFE_ENABLED is false, even to an admin', () => {
    expect(() => assertRunAllowed(ctx({ role: 'admin', unsafeEnabled: false }))).toThrow('Replaying unsafe methods is disabled on this server (REPLAY_UNSAFE_ENABLED=false).');
  });

  it('lets a responder replay safe methods to staging, not to production', () => {
    expect(() => assertRunAllowed(ctx({ role: 'responder', allowUnsafe: false }))).not.toThrow();
    expect(() => assertRunAllowed(ctx({ role: 'responder', allowUnsafe: false, target: { name: 'p', environment: 'production', allowedMethods: ['GET'] } }))).toThrow(/need the operator role/);
  });

  it('skips unsafe methods without the opt-in, and methods the target does not allow', () => {
    expect(skipReason('DELETE', ctx({ allowUnsafe: false }))?.kind).toBe('unsafe');
    expect(skipReason('PUT', ctx())?.kind).toBe('method');
    expect(skipReason('GET', ctx({ allowUnsafe: false }))).toBeNull();
  });
});
