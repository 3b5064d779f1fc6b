import 'server-only';
import { getConfig } from '../config/load-config';
import { getDatabase } from '../db/get-database';
import { scheduleRetention } from '../db/retention';
import { prepareFirstRun, SETUP_TOKEN_TTL_MINUTES, type FirstRunResult } from '../auth/first-run';
import { publicUrl } from '../auth/better-auth';
import type { Config } from '../config/config-schema';
import { scheduleLeaseRenewal } from '../agents/agent-leases';
import { scheduleDiagnosis } from '../diagnosis/schedule-diagnosis';
import { scheduleChaosEngine } from '../chaos/run-engine';
import { httpBindHost, startOtlpGrpcServer, stopOtlpGrpcServer } from '../ingest/grpc/otlp-grpc-server';
import { attachUpgrade } from './attach-upgrades';
import { handleTailUpgrade, TAIL_PATH } from '../logs/tail-upgrade';
import { attachEarlyAdmission } from '../ingest/early-admission';

export async function startServer(): Promise<void> {
  try {
    const config = getConfig();
    const db = await getDatabase();
    const { appliedNow, latest } = db.migrations;
    console.info(`[tracehound] database: ${db.kind} (${db.location}); migrations ${appliedNow.length ? `applied ${appliedNow.join(', ')}` : `up to date (${latest})`}`);
    scheduleRetention(db.backgroundPool, config.RETENTION_DAYS, config.RETENTION_INTERVAL_MINUTES);
    announceAccess(config, await prepareFirstRun(db.pool, config));
    // Every instance renews the agents' leases held in the database (issue 13); none needs to be special.
    scheduleLeaseRenewal(db.backgroundPool);
    // The interactive pool, not the background one: a large trace's analysis must not delay health checks.
    scheduleDiagnosis(
      db.pool,
      { settleSeconds: config.DIAGNOSIS_SETTLE_SECONDS, batch: config.DIAGNOSIS_BATCH, largeSpans: config.DIAGNOSIS_LARGE_SPANS, skewWarnNs: config.SKEW_WARN_MS * 1e6 },
      config.DIAGNOSIS_INTERVAL_SECONDS,
    );
    // Every instance also drives chaos runs (issue 14); state is in the database, so any may continue a run.
    // It runs even with CHAOS_ENABLED=false so a run left active before a restart is still finished.
    scheduleChaosEngine(db.pool, config.CHAOS_TICK_MS);
    // OTLP/gRPC beside OTLP/HTTP (issue 20), on the interfaces the HTTP server was bound to.
    await startOtlpGrpcServer(config, httpBindHost(process.argv));
    // Loki's live tail is a WebSocket, which route handlers cannot serve (logs/tail-upgrade.ts).
    attachUpgrade(TAIL_PATH, handleTailUpgrade);
    // Ingest refusals under overload are decided before Next routes the request (ingest/early-admission.ts).
    attachEarlyAdmission();
    const close = () => void stopOtlpGrpcServer().finally(() => db.close().finally(() => process.exit(0)));
    process.once('SIGINT', close);
    process.once('SIGTERM', close);
  } catch (error) {
    console.error(`[tracehound] startup failed: ${(error as Error).message}`);
    process.exit(1);
  }
}

function announceAccess(config: Config, firstRun: FirstRunResult): void {
  if (config.AUTH_MODE === 'off') {
    console.warn('[tracehound] AUTH_MODE=off: anyone who can reach this server is an admin. Use it on a laptop only.');
    return;
  }
  if (firstRun.createdAdmin) console.info(`[tracehound] created admin account ${firstRun.createdAdmin} (TRACEHOUND_ADMIN_EMAIL)`);
  if (firstRun.createdBootstrapToken) console.info('[tracehound] created the admin API token of TRACEHOUND_BOOTSTRAP_TOKEN');
  if (firstRun.setupToken) {
    console.info(
      `[tracehound] no account exists yet. Create the admin account at ${publicUrl(config)}/setup?token=${firstRun.setupToken} (valid ${SETUP_TOKEN_TTL_MINUTES} minutes; restart for a new link)`,
    );
  }
}
