import 'server-only';
// One pooled connection, one transaction around `work`: committed when it resolves, rolled back when it throws,
// and the connection always returned to the pool.
import type pg from 'pg';

export async function withTransaction<T>(pool: pg.Pool, begin: 'BEGIN' | 'BEGIN READ ONLY', work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
