// Loki push entries outside the ingest window (ingest-window.ts) are dropped one by one and the rest of the
// push is stored, as Loki's distributor does with reject_old_samples / its creation grace period; the
// answer (400) counts them and names the first, so a client with a broken clock or unit (ms sent as ns) sees why.
import { windowProblem, type IngestWindow } from '../model/ingest-window';
import { Rejections } from '../otlp/otlp-rejections';
import type { PushStream } from './push-model';

export interface WindowedPush {
  streams: PushStream[];
  rejected: number;
  /** '' when nothing was dropped; else e.g. "1 rejected: older than the retention period (1); first: streams[0] entry 2 at 1000 (oldest accepted 1500)". */
  message: string;
}

export function dropOutsideWindow(streams: readonly PushStream[], window: IngestWindow): WindowedPush {
  const rejections = new Rejections();
  let first = '';
  const kept = streams.map((s, si) => {
    const entries = s.entries.filter((e, ei) => {
      const problem = windowProblem(e.timeUnixNano, window);
      if (!problem) return true;
      rejections.add(problem);
      if (first === '') {
        const limit = e.timeUnixNano < window.minNs ? `oldest accepted ${window.minNs}` : `newest accepted ${window.maxNs}`;
        first = `streams[${si}] entry ${ei}: timestamp ${e.timeUnixNano} (${limit})`;
      }
      return false;
    });
    return entries.length === s.entries.length ? s : { ...s, entries };
  });
  return { streams: kept, rejected: rejections.count, message: rejections.count === 0 ? '' : `${rejections.message()}; first: ${first}` };
}
