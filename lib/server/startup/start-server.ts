import 'server-only';
import { getConfig } from '../config/load-config';
import { getDatabase } from '../db/get-database';
import { scheduleRetention } from '../db/retention';
import { scheduleDiagnosis } from '../diagnosis/schedule-diagnosis';

export async function startServer(): Promise<void> {
  try {
    const config = getConfig();
    const db = await getDatabase();
    const { appliedNow, latest } = db.migrations;
    console.info(
      `[tracehound] database: ${db.kind} (${db.location}); migrations ${appliedNow.length ? `applied ${appliedNow.join(', ')}` : `up to date (${latest})`}`,
    );
    scheduleRetention(db.pool, config.RETENTION_DAYS, config.RETENTION_INTERVAL_MINUTES);
    scheduleDiagnosis(
      db.pool,
      { settleSeconds: config.DIAGNOSIS_SETTLE_SECONDS, batch: config.DIAGNOSIS_BATCH, largeSpans: config.DIAGNOSIS_LARGE_SPANS, skewWarnNs: config.SKEW_WARN_MS * 1e6 },
      config.DIAGNOSIS_INTERVAL_SECONDS,
    );
    const close = () => void db.close().finally(() => process.exit(0));
    process.once('SIGINT', close);
    process.once('SIGTERM', close);
  } catch (error) {
    console.error(`[tracehound] startup failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
