// Writes the e2e traces into DATABASE_URL (applying migrations first). Run with
// `tsx --conditions=react-server` so lib/server modules load outside Next.
import { openDatabase } from '../../lib/server/db/database';
import { writeSpans } from '../../lib/server/spans/write-spans';
import { e2eTraceSpans } from './e2e-traces';

async function main(): Promise<void> {
  const db = await openDatabase({ DATABASE_URL: process.env.DATABASE_URL!, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
  try {
    const { inserted } = await writeSpans(db.pool, e2eTraceSpans());
    console.log(`seeded ${inserted} spans`);
  } finally {
    await db.close();
  }
}

void main();
