// The embedded database: PGlite (Postgres compiled to WASM) with its data in a directory, served over the
// Postgres wire protocol on loopback so the rest of the app uses one node-postgres code path for both modes.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { freeLoopbackPort } from '../net/free-port';

export interface EmbeddedPostgres {
  host: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
  const absolute = path.resolve(dataDir);
  mkdirSync(absolute, { recursive: true });
  // Imported lazily so server mode never loads the WASM build.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let db: InstanceType<typeof PGlite>;
  try {
    db = await PGlite.create(path.join(absolute, 'pgdata'));
  } catch (error) {
    throw new Error(`Cannot open the embedded database in ${absolute}: ${(error as Error).message}`);
  }
  const host = '127.0.0.1';
  const port = await freeLoopbackPort();
  const server = new PGLiteSocketServer({ db, host, port, maxConnections });
  await server.start();
  return {
    host,
    port,
    dataDir: absolute,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
