import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it('keeps paths on this site', () => {
    expect(safeNextPath('/traces/abc?span=1')).toBe('/traces/abc?span=1');
  });
  it.each([null, '', 'https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)'])('sends %s home', (value) => {
    expect(safeNextPath(value)).toBe('/');
  });
});
