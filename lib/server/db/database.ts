// One node-postgres pool for the whole process, connected either to the server in DATABASE_URL or to the
// embedded PGlite. Migrations run before the pool is handed out.
import pg from 'pg';
import type { Config } from '../config/config-schema';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { applyMigrations, type MigrationStatus } from './migrate';

export type DatabaseKind = 'server' | 'embedded';

export interface Database {
  kind: DatabaseKind;
  pool: pg.Pool;
  /** Where the data lives: host:port/database, or the embedded data directory. */
  location: string;
  migrations: MigrationStatus;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

// int8 columns are unix nanoseconds: read them as bigint, never as number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => BigInt(value));

export type DatabaseOptions = Pick<Config, 'DATABASE_URL' | 'TRACEHOUND_DATA_DIR' | 'DB_POOL_SIZE'> & {
  migrationsDir?: string;
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let pool: pg.Pool;
  let location: string;
  if (options.DATABASE_URL) {
    const url = new URL(options.DATABASE_URL);
    location = `${url.hostname}:${url.port || '5432'}${url.pathname}`;
    pool = new pg.Pool({ connectionString: options.DATABASE_URL, max: options.DB_POOL_SIZE });
  } else {
    embedded = await startEmbeddedPostgres(options.TRACEHOUND_DATA_DIR, options.DB_POOL_SIZE);
    location = embedded.dataDir;
    pool = new pg.Pool({
      host: embedded.host,
      port: embedded.port,
      user: 'postgres',
      database: 'postgres',
      max: options.DB_POOL_SIZE,
    });
  }
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const close = async () => {
    await pool.end();
    await embedded?.stop();
  };
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await close().catch(() => {});
    throw new DatabaseUnavailableError(`Cannot connect to PostgreSQL at ${location}: ${describePgError(error)}`);
  }
  let migrations: MigrationStatus;
  try {
    migrations = await applyMigrations(pool, options.migrationsDir);
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
  return { kind: embedded ? 'embedded' : 'server', pool, location, migrations, close };
}

export function describePgError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describePgError(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as Error & { code?: string }).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message || String(code);
  }
  return String(error);
}
