import 'server-only';
// The process's node-postgres pools, connected either to the server in DATABASE_URL or to the embedded PGlite.
// Three connection budgets (issue #19), so slow interactive queries can never starve ingest or health:
// `pool` (DB_POOL_SIZE) serves interactive queries, `ingestPool` (DB_INGEST_POOL_SIZE) only the ingest write
// pipeline, `backgroundPool` (DB_BACKGROUND_POOL_SIZE) health checks and background jobs (retention).
// Migrations run before the pools are handed out.
import pg from 'pg';
import type { Config } from '../config/config-schema';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { applyMigrations, type MigrationStatus } from './migrate';
import { markCopyCapable } from './copy-support';
import { makeParameterisedQueriesExclusive } from './exclusive-parameterised-queries';

export type DatabaseKind = 'server' | 'embedded';

export interface Database {
  kind: DatabaseKind;
  /** Interactive queries (search, trace pages, Loki and Jaeger APIs). */
  pool: pg.Pool;
  /** The ingest write pipeline only. */
  ingestPool: pg.Pool;
  /** Health checks and background jobs. */
  backgroundPool: pg.Pool;
  /** Where the data lives: host:port/database, or the embedded data directory. */
  location: string;
  /**
   * A further pool on the same database, with node-postgres' default type parsing (Prisma's adapter expects
   * int8 as strings) and the same embedded-mode safeguards; closed with the database.
   */
  createPool(max: number): pg.Pool;
  migrations: MigrationStatus;
  /** Registers cleanup that must run before the pool closes (e.g. other clients on the same database). */
  onClose(hook: () => Promise<void>): void;
  close(): Promise<void>;
}

/** Marks the error across copies of this module (Next bundles it per route; see APP_ERROR in app-error.ts). */
const DATABASE_UNAVAILABLE = Symbol.for('tracehound.DatabaseUnavailableError');

export class DatabaseUnavailableError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [DATABASE_UNAVAILABLE]?: unknown })[DATABASE_UNAVAILABLE] === true;
  }

  readonly [DATABASE_UNAVAILABLE] = true;
  override name = 'DatabaseUnavailableError';
}

// int8 columns are unix nanoseconds: our pool reads them as bigint, never as number. Set per pool, not
// globally, because Prisma's pg adapter expects node-postgres' default (string) for int8.
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? (value: string) => BigInt(value) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export type DatabaseOptions = Pick<Config, 'DATABASE_URL' | 'TRACEHOUND_DATA_DIR' | 'DB_POOL_SIZE'> &
  Partial<Pick<Config, 'DB_INGEST_POOL_SIZE' | 'DB_BACKGROUND_POOL_SIZE'>> & {
    migrationsDir?: string;
  };

/** Connections of the pools made with createPool(): Prisma Client (2) and the access checks (4, lib/server/auth/better-auth.ts). */
const EXTRA_POOL_CONNECTIONS = 6;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let connection: pg.PoolConfig;
  let location: string;
  const ingestSize = options.DB_INGEST_POOL_SIZE ?? 4;
  const backgroundSize = options.DB_BACKGROUND_POOL_SIZE ?? 2;
  if (options.DATABASE_URL) {
    const url = new URL(options.DATABASE_URL);
    location = `${url.hostname}:${url.port || '5432'}${url.pathname}`;
    connection = { connectionString: options.DATABASE_URL };
  } else {
    embedded = await startEmbeddedPostgres(options.TRACEHOUND_DATA_DIR, options.DB_POOL_SIZE + ingestSize + backgroundSize + EXTRA_POOL_CONNECTIONS);
    location = embedded.dataDir;
    connection = { host: embedded.host, port: embedded.port, user: 'postgres', database: 'postgres' };
  }
  const ownPool = (max: number) => {
    const p = new pg.Pool({ ...connection, max, types: typeParsers });
    if (embedded) makeParameterisedQueriesExclusive(p);
    else markCopyCapable(p);
    // An idle client's network error must not crash the process; the next query reports it.
    p.on('error', () => {});
    return p;
  };
  const pool = ownPool(options.DB_POOL_SIZE);
  const ingestPool = ownPool(ingestSize);
  const backgroundPool = ownPool(backgroundSize);
  const hooks: Array<() => Promise<void>> = [];
  const close = async () => {
    await Promise.allSettled(hooks.map((hook) => hook()));
    await Promise.allSettled([pool.end(), ingestPool.end(), backgroundPool.end()]);
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
  return {
    kind: embedded ? 'embedded' : 'server',
    pool,
    ingestPool,
    backgroundPool,
    location,
    migrations,
    onClose: (hook) => void hooks.push(hook),
    createPool: (max) => {
      const extra = new pg.Pool({ ...connection, max });
      if (embedded) makeParameterisedQueriesExclusive(extra);
      extra.on('error', () => {});
      hooks.push(() => extra.end());
      return extra;
    },
    close,
  };
}

export function describePgError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describePgError(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as Error & { code?: string }).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message || String(code);
  }
  return String(error);
}
