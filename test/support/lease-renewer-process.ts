// A stand-in for one dashboard instance, as a separate process: opens the database of DATABASE_URL and runs
// the real lease renewal loop (scheduleLeaseRenewal) until killed. Run with
// `node --conditions=react-server --import tsx test/support/lease-renewer-process.ts`.
import { openDatabase } from '../../lib/server/db/database';
import { scheduleLeaseRenewal } from '../../lib/server/agents/agent-leases';

async function main(): Promise<void> {
  const db = await openDatabase({ DATABASE_URL: process.env.DATABASE_URL!, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
  scheduleLeaseRenewal(db.pool);
  // The loop's timer is unref'd (it must not keep a real server alive); this one keeps the stand-in alive.
  setInterval(() => {}, 1 << 30);
  process.stdout.write('READY\n');
}

void main();
