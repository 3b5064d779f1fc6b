import { describe, expect, it } from 'vitest';
import { traceIdFromInput } from './trace-id-input';

describe('traceIdFromInput', () => {
  it('accepts 32 and 16 hex characters in any case', () => {
    expect(traceIdFromInput('  5B8EFFF798038103D269B633813FC60C ')).toBe('5b8efff798038103d269b633813fc60c');
    expect(traceIdFromInput('d269b633813fc60c')).toBe('0000000000000000d269b633813fc60c');
  });
  it.each(['', '{ status = error }', 'xyz', '0'.repeat(32), 'a'.repeat(31)])('refuses %s', (text) => {
    expect(traceIdFromInput(text)).toBeNull();
  });
});
