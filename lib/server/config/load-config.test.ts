import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config).toMatchObject({ TRACEHOUND_DATA_DIR: '.data', RETENTION_DAYS: 7, SKEW_WARN_MS: 50, INGEST_TOKENS: [] });
  });

  it('names each bad variable and why', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', RETENTION_DAYS: 'seven' })).toThrow(
      /DATABASE_URL: DATABASE_URL must be a postgres:\/\/.*; RETENTION_DAYS: RETENTION_DAYS must be a whole number/,
    );
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS must be greater than zero/);
    expect(() => loadConfig({ QUERY_TIMEOUT_MS: '15s' })).toThrow(/QUERY_TIMEOUT_MS: QUERY_TIMEOUT_MS must be a whole number/);
  });

  it('parses lists and treats empty strings as unset', () => {
    const config = loadConfig({ INGEST_TOKENS: 'a, b,,c', DATABASE_URL: '' });
    expect(config.INGEST_TOKENS).toEqual(['a', 'b', 'c']);
    expect(config.DATABASE_URL).toBeUndefined();
  });
});
