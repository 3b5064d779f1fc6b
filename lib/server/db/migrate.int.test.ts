import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { openDatabase, DatabaseUnavailableError } from './database';
import { readMigrations } from './migrate';

const options = (url: string) => ({ DATABASE_URL: url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 4 });

describe('migrations on a real PostgreSQL server', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('applies each migration exactly once when two instances start at the same moment', async () => {
    const [a, b] = await Promise.all([openDatabase(options(testDb.url)), openDatabase(options(testDb.url))]);
    try {
      const expected = readMigrations(path.join(process.cwd(), 'prisma/migrations')).map((m) => m.name);
      expect([...a.migrations.appliedNow, ...b.migrations.appliedNow].sort()).toEqual(expected);
      const { rows } = await a.pool.query('SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name');
      expect(rows.map((r) => r.migration_name)).toEqual(expected);
      for (const row of rows) {
        const sql = readFileSync(path.join('prisma/migrations', row.migration_name, 'migration.sql'), 'utf8');
        expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.applied_steps_count).toBe(1);
      }
      const tables = await a.pool.query("SELECT relname FROM pg_class WHERE relname IN ('spans','trace_summaries','logs','log_streams') ORDER BY relname");
      expect(tables.rows.map((r) => r.relname)).toEqual(['log_streams', 'logs', 'spans', 'trace_summaries']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('a third start applies nothing', async () => {
    const c = await openDatabase(options(testDb.url));
    try {
      expect(c.migrations.appliedNow).toEqual([]);
      expect(c.migrations.latest).toBe(readMigrations(path.join(process.cwd(), 'prisma/migrations')).at(-1)?.name);
    } finally {
      await c.close();
    }
  });

  it('a failing migration stops with a message naming it and leaves no ledger row behind', async () => {
    const dir = path.join(process.cwd(), 'test-results', `bad-migrations-${Date.now()}`);
    const { mkdirSync, writeFileSync, cpSync } = await import('node:fs');
    cpSync(path.join(process.cwd(), 'prisma/migrations'), dir, { recursive: true });
    mkdirSync(path.join(dir, '29990101000000_broken'));
    writeFileSync(path.join(dir, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE spans (x int);');
    await expect(openDatabase({ ...options(testDb.url), migrationsDir: dir })).rejects.toThrow(/Migration 29990101000000_broken failed: .*already exists/);
    const client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS n FROM _prisma_migrations WHERE migration_name LIKE '%broken'");
    await client.end();
    expect(rows[0].n).toBe(0);
  });

  it('an unreachable server gives a one-line error naming where it tried', async () => {
    const error = await openDatabase(options('postgresql://postgres@127.0.0.1:1/nowhere')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/nowhere: .*ECONNREFUSED/);
    expect((error as Error).message).not.toContain('\n');
  });
});
