import 'server-only';
// Runs background diagnosis rounds every `intervalSeconds` (timer unref'd, so it never keeps the process
// alive). A round never overlaps the previous one; a full round is followed at once by another, so a backlog
// drains at `batch` traces per round without waiting for the timer. Failures are logged, not fatal.
import type { Queryable } from '../db/queryable';
import { diagnoseSettledTraces, type DiagnosisSettings } from './diagnose-settled-traces';

export function scheduleDiagnosis(db: Queryable, settings: DiagnosisSettings, intervalSeconds: number): () => void {
  let running = false;
  let stopped = false;
  const run = async (): Promise<void> => {
    if (running || stopped) return;
    running = true;
    try {
      for (let rounds = 0; rounds < 10 && !stopped; rounds++) {
        const { diagnosed, superseded } = await diagnoseSettledTraces(db, settings);
        if (diagnosed + superseded < settings.batch) break;
      }
    } catch (error) {
      console.error(`[tracehound] background diagnosis failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), intervalSeconds * 1000);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
