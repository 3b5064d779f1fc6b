// Bandwidth limit and slow body: re-chunks a body into `pieceBytes` pieces sent `intervalMs` apart. When the
// fault is reverted mid-body, the rest passes straight through.
import { Transform } from 'node:stream';
import { wait } from './wait';

export function pacedStream(pieceBytes: number, intervalMs: number, released: AbortSignal): Transform {
  let first = true;
  return new Transform({
    async transform(chunk: Buffer, _encoding, callback) {
      try {
        for (let offset = 0; offset < chunk.length; offset += pieceBytes) {
          if (released.aborted) {
            this.push(chunk.subarray(offset));
            break;
          }
          if (!first) await wait(intervalMs, released);
          first = false;
          this.push(chunk.subarray(offset, offset + pieceBytes));
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

/** Pieces of 1/20 s at the given rate: smooth enough to observe, few enough timers. */
export function bandwidthStream(bytesPerSecond: number, released: AbortSignal): Transform {
  return pacedStream(Math.max(1, Math.floor(bytesPerSecond / 20)), 50, released);
}
