import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it.each([
    ['user token REDACTED-3f9a2c given', 'REDACTED-3f9a2c'],
    ['Authorization: Bearer abcdef0123456789', 'abcdef0123456789'],
    ['db password=hunter2hunter2 in config', 'hunter2hunter2'],
    ['{"api_key": "sk-live-123456"}', 'sk-live-123456'],
    ['DB_PASSWORD=s3cr3t!', 's3cr3t!'],
    ['token th_AbCdEfGhIjKlMnOpQrStUv was used', 'th_AbCdEfGhIjKlMnOpQrStUv'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl here', 'eyJhbGciOiJIUzI1NiJ9'],
    ['aws AKIAIOSFODNN7EXAMPLE key', 'AKIAIOSFODNN7EXAMPLE'],
    ['postgres://app:pa55word@db:5432/x', 'pa55word'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----', 'MIIEow'],
  ])('hides the secret in %j', (input, secret) => {
    const out = redactSecrets(input);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('leaves ordinary incident text alone', () => {
    const text = 'payment timed out after 2.5s; retry storm from gateway (tokens bucket empty)';
    expect(redactSecrets(text)).toBe(text);
  });
});
