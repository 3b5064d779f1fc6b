import 'server-only';
// The key that signs session cookies. TRACEHOUND_AUTH_SECRET when set; otherwise one random key made on the
// first start and kept in the database, so a bare `npm start` needs no configuration and every instance on
// the same database signs alike.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/queryable';

export async function loadAuthSecret(db: Queryable, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const candidate = randomBytes(32).toString('base64url');
  await db.query(`INSERT INTO app_settings (key, value) VALUES ('auth_secret', $1) ON CONFLICT (key) DO NOTHING`, [candidate]);
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM app_settings WHERE key = 'auth_secret'`);
  return rows[0]!.value;
}
