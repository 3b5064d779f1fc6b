// A pass-through stream that records what flows through it (see BodyRecording): captures see a body the
// agent pipes somewhere else as it streams, without buffering the exchange or delaying it.
import { Transform, type TransformCallback } from 'node:stream';
import { BodyRecording, type RecordedBody } from './body-recording';

export class BodyTap extends Transform implements RecordedBody {
  private readonly recording: BodyRecording;

  constructor(cap: number) {
    super();
    this.recording = new BodyRecording(cap);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.recording.record(chunk);
    callback(null, chunk);
  }

  /** Observes a chunk without passing it on (for bodies the agent reads itself). */
  record(chunk: Buffer): void {
    this.recording.record(chunk);
  }

  get size(): number {
    return this.recording.size;
  }

  get truncated(): boolean {
    return this.recording.truncated;
  }

  bytes(): Buffer {
    return this.recording.bytes();
  }
}
