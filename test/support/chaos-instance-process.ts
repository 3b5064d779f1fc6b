// A stand-in for one dashboard instance driving a chaos run, as a separate process: opens the database of
// DATABASE_URL, runs the real lease renewal loop and chaos engine, starts a run of the experiment in
// CHAOS_EXPERIMENT (JSON) and prints `RUN <id>`; then keeps running until killed. Run with
// `node --conditions=react-server --import tsx test/support/chaos-instance-process.ts`.
import { openDatabase } from '../../lib/server/db/database';
import { scheduleLeaseRenewal } from '../../lib/server/agents/agent-leases';
import { scheduleChaosEngine } from '../../lib/server/chaos/run-engine';
import { startRun } from '../../lib/server/chaos/start-run';

async function main(): Promise<void> {
  const db = await openDatabase({ DATABASE_URL: process.env.DATABASE_URL!, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
  scheduleLeaseRenewal(db.pool);
  scheduleChaosEngine(db.pool, 500);
  const { id } = await startRun(
    db.pool,
    { CHAOS_ENABLED: true, CHAOS_MAX_DURATION_SECONDS: 600, CHAOS_PRODUCTION_ENABLED: false },
    {
      tenant: 'default',
      body: JSON.parse(process.env.CHAOS_EXPERIMENT!),
      dryRun: false,
      actor: { kind: 'anonymous', id: 'test', name: 'chaos instance process' },
    },
  );
  // The loops' timers are unref'd (they must not keep a real server alive); this one keeps the stand-in alive.
  setInterval(() => {}, 1 << 30);
  process.stdout.write(`RUN ${id}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
