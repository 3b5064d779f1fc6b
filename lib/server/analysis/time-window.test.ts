import { describe, expect, it } from 'vitest';
import { AppError } from '../http/app-error';
import { parseTimeWindow } from './time-window';

const NOW = 1_700_000_000_000_000_000n;
const parse = (query: string) => parseTimeWindow(new URLSearchParams(query), NOW);

describe('parseTimeWindow', () => {
  it('defaults to the hour before now', () => {
    expect(parse('')).toEqual({ fromUnixNano: NOW - 3_600_000_000_000n, toUnixNano: NOW });
  });

  it('reads unix nanoseconds exactly and ISO-8601 instants', () => {
    expect(parse('from=1699999999000000001&to=1700000000000000000')).toEqual({ fromUnixNano: 1_699_999_999_000_000_001n, toUnixNano: NOW });
    expect(parse('from=2023-11-14T22:13:19Z&to=2023-11-14T22:13:20Z')).toEqual({ fromUnixNano: 1_699_999_999_000_000_000n, toUnixNano: 1_700_000_000_000_000_000n });
  });

  it('refuses bad values, reversed and over-long windows, naming the field', () => {
    expect(() => parse('from=yesterday')).toThrow(AppError);
    expect(() => parse('from=yesterday')).toThrow(/^from: expected unix nanoseconds/);
    expect(() => parse(`from=${NOW}&to=${NOW - 1n}`)).toThrow(/from: must be before to/);
    expect(() => parse(`from=${NOW - 25n * 3_600_000_000_000n}`)).toThrow(/at most 24 hours/);
  });
});
