// Stores a generated trace through writeSpans (the span writer the ingest path ends in).
// Usage: DATABASE_URL=... npx tsx scripts/bench/seed-trace.ts <traceId> <spanCount>
import { openDatabase } from '../../lib/server/db/database';
import { writeSpans } from '../../lib/server/spans/write-spans';
import { generateTraceChunks } from './generate-trace';

export async function seedTrace(databaseUrl: string, traceId: string, count: number): Promise<number> {
  const db = await openDatabase({ DATABASE_URL: databaseUrl, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 4 });
  try {
    let inserted = 0;
    for (const chunk of generateTraceChunks(traceId, count, BigInt(Date.now() - 60_000) * 1_000_000n, 5000)) {
      inserted += (await writeSpans(db.pool, chunk)).inserted;
    }
    return inserted;
  } finally {
    await db.close();
  }
}

if (process.argv[1]?.endsWith('seed-trace.ts')) {
  const [traceId, count] = process.argv.slice(2);
  seedTrace(process.env.DATABASE_URL!, traceId!, Number(count)).then((n) => console.log(`inserted ${n} spans`));
}
