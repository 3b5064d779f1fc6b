import { describe, expect, it } from 'vitest';
import { rootOutcomeLabel } from './root-outcome-label';

describe('rootOutcomeLabel', () => {
  it('shows the response status, and the error message of a failed root', () => {
    expect(rootOutcomeLabel({ statusCode: 0, statusMessage: '', responseStatus: '200' })).toEqual({ text: '200', error: false });
    expect(rootOutcomeLabel({ statusCode: 2, statusMessage: 'upstream timed out', responseStatus: '504' })).toEqual({ text: '504 · error: upstream timed out', error: true });
    expect(rootOutcomeLabel({ statusCode: 2, statusMessage: '', responseStatus: null })).toEqual({ text: 'error', error: true });
    expect(rootOutcomeLabel({ statusCode: 1, statusMessage: '', responseStatus: null })!.text).toBe('ok');
    expect(rootOutcomeLabel(null)).toBeNull();
  });

  it('shortens a long message', () => {
    expect(rootOutcomeLabel({ statusCode: 2, statusMessage: 'x'.repeat(200), responseStatus: null })!.text.length).toBeLessThan(100);
  });
});
