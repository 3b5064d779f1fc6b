import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config).toMatchObject({ TRACEHOUND_DATA_DIR: '.data', RETENTION_DAYS: 7, SKEW_WARN_MS: 50, INGEST_TOKENS: [] });
  });

  it('writes ingest batches once per core by default (2 to 4), unless told otherwise', () => {
    const cores = availableParallelism();
    expect(loadConfig({}).INGEST_WRITE_CONCURRENCY).toBe(cores <= 2 ? 2 : cores >= 4 ? 4 : cores);
    expect(loadConfig({ INGEST_WRITE_CONCURRENCY: '6' }).INGEST_WRITE_CONCURRENCY).toBe(6);
    expect(() => loadConfig({ INGEST_WRITE_CONCURRENCY: '0' })).toThrow(/INGEST_WRITE_CONCURRENCY must be greater than zero/);
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

  it('keeps access on by default and refuses chaos or unsafe replay without it', () => {
    expect(loadConfig({}).AUTH_MODE).toBe('on');
    expect(loadConfig({ AUTH_MODE: 'off' }).CHAOS_ENABLED).toBe(false);
    expect(() => loadConfig({ AUTH_MODE: 'off', CHAOS_ENABLED: 'true' })).toThrow(/CHAOS_ENABLED: CHAOS_ENABLED=true needs AUTH_MODE=on/);
    expect(() => loadConfig({ AUTH_MODE: 'off', REPLAY_UNSAFE_ENABLED: 'true' })).toThrow(/REPLAY_UNSAFE_ENABLED=true needs AUTH_MODE=on/);
    expect(() => loadConfig({ AUTH_MODE: 'maybe' })).toThrow(/AUTH_MODE: AUTH_MODE must be "on" or "off"/);
  });

  it('names incomplete or weak access settings', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example' })).toThrow(/OIDC_CLIENT_ID: OIDC_CLIENT_ID is required when OIDC_ISSUER is set/);
    expect(() => loadConfig({ TRACEHOUND_ADMIN_EMAIL: 'a@b.co' })).toThrow(/TRACEHOUND_ADMIN_PASSWORD is required/);
    expect(() => loadConfig({ TRACEHOUND_AUTH_SECRET: 'short' })).toThrow(/TRACEHOUND_AUTH_SECRET must be at least 32 characters/);
    expect(() => loadConfig({ TRACEHOUND_URL: 'not a url' })).toThrow(/TRACEHOUND_URL: TRACEHOUND_URL must be an absolute URL/);
  });
});
