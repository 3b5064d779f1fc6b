import { describe, expect, it } from 'vitest';
import { groupPatterns, linePattern } from './line-patterns';

const S = 1_000_000_000n;

describe('line patterns', () => {
  it('replaces variable tokens with <_>', () => {
    expect(linePattern('level=info msg="user 42 logged in" took=15ms')).toBe('level=info msg=<_> <_> logged in" took=<_>');
    expect(linePattern('GET /api/users/17 200 3.5ms')).toBe('GET <_>');
    expect(linePattern('connection reset by peer')).toBe('connection reset by peer');
  });

  it('counts lines per pattern and step, most frequent first, samples in time order', () => {
    const lines = [
      { timeUnixNano: 125n * S, line: 'GET /a/1 200' },
      { timeUnixNano: 101n * S, line: 'GET /a/2 200' },
      { timeUnixNano: 102n * S, line: 'cache miss' },
      { timeUnixNano: 111n * S, line: 'GET /b/3 500' },
    ];
    expect(groupPatterns(lines, 100n * S, 10n * S, 10)).toEqual([
      {
        pattern: 'GET <_>',
        samples: [
          [100, 1],
          [110, 1],
          [120, 1],
        ],
      },
      { pattern: 'cache miss', samples: [[100, 1]] },
    ]);
    expect(groupPatterns(lines, 100n * S, 10n * S, 1).map((p) => p.pattern)).toEqual(['GET <_>']);
  });
});
