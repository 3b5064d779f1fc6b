// The writable undici's stream() writes a captured response into: each chunk is recorded (up to the capture
// cap) and written to the client's response, honouring its backpressure. Lighter than a Transform piped into
// the response, which matters at capture rate 1. A client that goes away destroys the tee, which makes undici
// abort the upstream call.
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import type { BodyTap } from '../capture/body-tap';

export class ResponseTee extends Writable {
  constructor(
    private readonly res: ServerResponse,
    private readonly recorder: BodyTap,
  ) {
    super();
    res.once('close', () => {
      if (!res.writableFinished) this.destroy(Object.assign(new Error('client went away'), { code: 'ECONNRESET' }));
    });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.recorder.record(chunk);
    if (this.res.write(chunk)) callback();
    else this.res.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.res.end(() => callback());
  }
}
