// The common case of an HTTP route (no fault, no shadow copy) as an upstream-pool handler: the upstream's
// response goes straight into the client's response (head in writeHead's flat-array form, body chunks as they
// come, paused while the client's socket is full), and its body chunks into the capture's recording when the
// exchange is captured. One 'close' listener tells a client that went away, which aborts the upstream call.
import type { ServerResponse } from 'node:http';
import type { BodyRecording } from '../capture/body-recording';
import { downstreamRawHeaders } from './proxy-headers';
import type { UpstreamCall, UpstreamHandler } from './upstream-pool';

const FORWARD = Symbol('tracehound.plainForward');
type ForwardedResponse = ServerResponse & { [FORWARD]?: PlainForward };

/**
 * Listeners shared by every request (`this` is the response they are attached to), rather than two closures per
 * request: per-instance arrow functions also pay for the name the TypeScript loader attaches to each.
 */
function onClientClose(this: ForwardedResponse): void {
  this[FORWARD]?.clientClosed();
}

function onDrain(this: ForwardedResponse): void {
  this[FORWARD]?.call?.resume();
}

export class PlainForward implements UpstreamHandler {
  status = 0;
  call: UpstreamCall | null = null;
  private rawHeaders: string[] = [];
  private settled = false;

  constructor(
    private readonly res: ServerResponse,
    readonly responseBody: BodyRecording | null,
    /** Called once: after the response is ended (error null) or when the exchange failed. */
    private readonly done: (forward: PlainForward, error: Error | null) => void,
  ) {
    (res as ForwardedResponse)[FORWARD] = this;
    res.once('close', onClientClose);
  }

  /** The upstream's response headers as received (name, value, ...): a capture makes a record of them at batch time. */
  get upstreamRawHeaders(): readonly string[] {
    return this.rawHeaders;
  }

  clientClosed(): void {
    if (this.settled) return;
    this.call?.abort();
    this.settle(Object.assign(new Error('client went away'), { code: 'ECONNRESET' }));
  }

  onHead(status: number, rawHeaders: string[]): void {
    this.status = status;
    this.rawHeaders = rawHeaders;
    try {
      this.res.writeHead(status, downstreamRawHeaders(rawHeaders));
    } catch (error) {
      // A header node:http refuses to send (invalid characters): the upstream's answer cannot be passed on.
      this.status = 0;
      this.call?.abort();
      this.settle(error as Error);
    }
  }

  onData(chunk: Buffer): boolean {
    if (this.settled) return true;
    this.responseBody?.record(chunk);
    if (this.res.write(chunk)) return true;
    this.res.once('drain', onDrain);
    return false;
  }

  onEnd(): void {
    if (this.settled) return;
    this.res.end();
    this.settle(null);
  }

  onError(error: Error): void {
    this.settle(error);
  }

  private settle(error: Error | null): void {
    if (this.settled) return;
    this.settled = true;
    this.done(this, error);
  }
}
