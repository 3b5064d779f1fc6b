import 'server-only';
// The process-wide database, opened (and migrated) once. Kept on globalThis because Next may evaluate this
// module once per route bundle; every route must share one pool and one embedded instance.
import { getConfig } from '../config/load-config';
import { openDatabase, type Database } from './database';

const GLOBAL_KEY = Symbol.for('tracehound.database');

type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  const g = globalThis as GlobalWithDb;
  if (!g[GLOBAL_KEY]) {
    const config = getConfig();
    g[GLOBAL_KEY] = openDatabase(config);
    // A failed open is not cached: the next request retries (e.g. the server came back).
    g[GLOBAL_KEY].catch(() => {
      delete g[GLOBAL_KEY];
    });
  }
  return g[GLOBAL_KEY];
}
