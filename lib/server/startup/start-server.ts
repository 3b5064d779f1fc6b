import 'server-only';
import { getConfig } from '../config/load-config';
import { getDatabase } from '../db/get-database';
import { scheduleRetention } from '../db/retention';

export async function startServer(): Promise<void> {
  try {
    const config = getConfig();
    const db = await getDatabase();
    const { appliedNow, latest } = db.migrations;
    console.info(
      `[tracehound] database: ${db.kind} (${db.location}); migrations ${appliedNow.length ? `applied ${appliedNow.join(', ')}` : `up to date (${latest})`}`,
    );
    scheduleRetention(db.backgroundPool, config.RETENTION_DAYS, config.RETENTION_INTERVAL_MINUTES);
    const close = () => void db.close().finally(() => process.exit(0));
    process.once('SIGINT', close);
    process.once('SIGTERM', close);
  } catch (error) {
    console.error(`[tracehound] startup failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
