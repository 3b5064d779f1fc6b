import 'server-only';
// A response body produced inside one read-only transaction on one pooled connection (cursor FETCHes, a
// COPY): the trace streams share this lifecycle. The transaction is committed and the connection returned
// once the body is complete; after an error, or when the reader goes away, the connection is destroyed
// instead, which also aborts a query or COPY still running on it (a ROLLBACK cannot be sent mid-COPY).
import type pg from 'pg';

export interface TransactionStreamSource {
  /** After BEGIN READ ONLY: prepares the query (DECLARE, settings) and returns the body's first bytes. */
  open(client: pg.PoolClient): Promise<Uint8Array>;
  /** The next bytes (may be empty), or null once every row has been sent. */
  next(client: pg.PoolClient): Promise<Uint8Array | null>;
  /** The body's last bytes, still inside the transaction. */
  close(client: pg.PoolClient): Promise<Uint8Array>;
}

export function transactionStream(pool: pg.Pool, source: TransactionStreamSource): ReadableStream<Uint8Array> {
  let client: pg.PoolClient | null = null;

  const release = async (error?: unknown) => {
    const c = client;
    if (!c) return;
    client = null;
    try {
      if (error === undefined) await c.query('COMMIT');
    } finally {
      c.release(error === undefined ? undefined : error instanceof Error ? error : new Error(String(error)));
    }
  };

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const c = await pool.connect();
      client = c;
      try {
        // A whole-trace read is an index range scan whose row estimate (500k spans) crosses jit_above_cost:
        // compiling the expressions cost ~0.3 s of a 500k-span skeleton read and saves nothing on a scan this
        // simple (issue 22). Local to this transaction; one round trip with the BEGIN.
        await c.query('BEGIN READ ONLY; SET LOCAL jit = off');
        controller.enqueue(await source.open(c));
      } catch (error) {
        await release(error);
        throw error;
      }
    },
    async pull(controller) {
      const c = client;
      if (!c) return;
      try {
        // A pull that enqueues nothing is not called again: empty chunks are skipped here.
        for (let chunk = await source.next(c); chunk !== null; chunk = await source.next(c)) {
          if (chunk.length > 0) {
            controller.enqueue(chunk);
            return;
          }
        }
        const last = await source.close(c);
        await release();
        controller.enqueue(last);
        controller.close();
      } catch (error) {
        await release(error);
        controller.error(error);
      }
    },
    async cancel() {
      await release(new Error('client went away'));
    },
  });
}
