import 'server-only';
// Target secrets at rest: AES-256-GCM with a key derived from REPLAY_SECRETS_KEY (SHA-256 of it, so any
// string of 32+ characters works). Stored as base64(iv | tag | ciphertext). Without the key, targets cannot
// hold secrets — refusing is better than storing them in clear.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { getConfig } from '../config/load-config';
import { AppError } from '../http/app-error';

function key(): Buffer {
  const secret = getConfig().REPLAY_SECRETS_KEY;
  if (!secret) throw new AppError('bad_request', 'Target secrets need REPLAY_SECRETS_KEY to be set on the server (they are stored encrypted with it).');
  return createHash('sha256').update(secret).digest();
}

export function sealSecret(clear: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function openSecret(sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new AppError('internal', 'A target secret cannot be decrypted (was REPLAY_SECRETS_KEY changed?)', { cause });
  }
}
