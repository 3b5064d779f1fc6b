import 'server-only';
// Applies prisma/migrations/*/migration.sql in name order and records each in Prisma's `_prisma_migrations`
// ledger (same table, same checksum: sha256 of the file), so `prisma migrate status/deploy` agree with us
// wherever Prisma's engine is available. A session-level advisory lock makes concurrent starts apply each
// migration exactly once: the second instance waits, then finds everything applied.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

export interface MigrationStatus {
  applied: string[];
  /** Migrations applied by this call (empty when another instance or an earlier start applied them). */
  appliedNow: string[];
  latest: string | null;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const LOCK_KEY = 7_461_353_801; // arbitrary, fixed: "tracehound migrations"

const LEDGER_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function defaultMigrationsDir(): string {
  return path.join(process.cwd(), 'prisma', 'migrations');
}

export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new MigrationError(`Migrations directory not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

interface LedgerRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function applyMigrations(pool: pg.Pool, dir = defaultMigrationsDir()): Promise<MigrationStatus> {
  const files = readMigrations(dir);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await client.query(LEDGER_DDL);
      const { rows } = await client.query<LedgerRow>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL');
      const failed = rows.find((r) => r.finished_at === null);
      if (failed) {
        throw new MigrationError(
          `Migration ${failed.migration_name} failed on an earlier start and was left unfinished; fix the database, ` +
            `then delete its row from _prisma_migrations (or run \`prisma migrate resolve\`) and start again.`,
        );
      }
      const done = new Map(rows.map((r) => [r.migration_name, r]));
      const appliedNow: string[] = [];
      for (const file of files) {
        const existing = done.get(file.name);
        if (existing) {
          if (existing.checksum !== file.checksum) {
            // Prisma warns about edited migrations rather than failing; so do we, loudly.
            console.warn(`[migrate] ${file.name} was edited after it was applied (checksum differs); not re-applied.`);
          }
          continue;
        }
        await applyOne(client, file);
        appliedNow.push(file.name);
      }
      const applied = files.map((f) => f.name);
      return { applied, appliedNow, latest: applied.at(-1) ?? null };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    }
  } finally {
    client.release();
  }
}

async function applyOne(client: pg.PoolClient, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())', [id, file.checksum, file.name]);
    await client.query(file.sql);
    await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw new MigrationError(`Migration ${file.name} failed: ${(error as Error).message}`);
  }
}
