// The common case of an HTTP route (no fault, no shadow copy) as an undici dispatch handler: the upstream's
// response goes straight into the client's response, and its body chunks into the capture's recording when the
// exchange is captured. Cheaper per request than undici's stream() with a Writable: no AsyncResource, no
// end-of-stream listeners on the response (stream.finished adds half a dozen), no tee stream; one 'close'
// listener tells a client that went away, which aborts the upstream call.
import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { BodyRecording } from '../capture/body-recording';
import { downstreamResponseHeaders } from './proxy-headers';

type UpstreamHeaders = Record<string, string | string[] | undefined>;

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
  this[FORWARD]?.resumeUpstream();
}

export class PlainForward implements Dispatcher.DispatchHandler {
  status = 0;
  upstreamHeaders: UpstreamHeaders = {};
  private controller: Dispatcher.DispatchController | null = null;
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

  clientClosed(): void {
    if (!this.settled) this.controller?.abort(Object.assign(new Error('client went away'), { code: 'ECONNRESET' }));
  }

  resumeUpstream(): void {
    this.controller?.resume();
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // The client may have left while the request waited for an upstream connection.
    if (this.res.destroyed) controller.abort(Object.assign(new Error('client went away'), { code: 'ECONNRESET' }));
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: UpstreamHeaders): void {
    if (statusCode < 200) return; // 1xx informational answers are not forwarded; the final one follows
    this.status = statusCode;
    this.upstreamHeaders = headers;
    this.res.writeHead(statusCode, downstreamResponseHeaders(headers, true));
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.responseBody?.record(chunk);
    if (!this.res.write(chunk)) {
      controller.pause();
      this.res.once('drain', onDrain);
    }
  }

  onResponseEnd(): void {
    this.res.end();
    this.settle(null);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.settle(error);
  }

  private settle(error: Error | null): void {
    if (this.settled) return;
    this.settled = true;
    this.done(this, error);
  }
}
