// Rejects pushes whose entries lie outside [minNs, maxNs] (Loki's reject_old_samples / creation grace
// period). Besides catching clients with broken clocks or units (ms sent as ns), this keeps one request from
// creating day partitions years away from now. The message names the first offending entry.
import { PushDecodeError, type PushStream } from './push-model';

export function checkPushTimeBounds(streams: readonly PushStream[], minNs: bigint, maxNs: bigint): void {
  streams.forEach((s, si) => {
    s.entries.forEach((e, ei) => {
      if (e.timeUnixNano > maxNs) {
        throw new PushDecodeError('bad_request', `streams[${si}] entry ${ei}: timestamp ${e.timeUnixNano} is too far in the future (limit ${maxNs})`);
      }
      if (e.timeUnixNano < minNs) {
        throw new PushDecodeError('bad_request', `streams[${si}] entry ${ei}: timestamp ${e.timeUnixNano} is older than the retention period (limit ${minNs})`);
      }
    });
  });
}
