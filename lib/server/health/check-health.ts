import 'server-only';
import { getDatabase } from '../db/get-database';
import { describePgError } from '../db/database';
import packageJson from '@/package.json';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  version: string;
  database: {
    reachable: boolean;
    kind: 'server' | 'embedded' | null;
    location: string | null;
    migration: string | null;
    error?: string;
  };
}

export async function checkHealth(): Promise<HealthReport> {
  const version = packageJson.version;
  try {
    const db = await getDatabase();
    // Its own connection budget: health answers however busy the interactive query pool is.
    await db.backgroundPool.query('SELECT 1');
    return {
      status: 'ok',
      version,
      database: { reachable: true, kind: db.kind, location: db.location, migration: db.migrations.latest },
    };
  } catch (error) {
    return {
      status: 'unavailable',
      version,
      database: { reachable: false, kind: null, location: null, migration: null, error: describePgError(error) },
    };
  }
}
