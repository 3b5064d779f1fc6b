// The common case of an HTTP route (no fault, no shadow copy) as an upstream-pool handler: the upstream's
// response goes straight to the client (head, then body chunks as they come, paused while the client's socket is
// full), and its body chunks into the capture's recording when the exchange is captured. The client is either a
// node:http response (ServerResponseClient below) or one of the route's own connections (route-connection.ts);
// either tells the forward when the client went away, which aborts the upstream call.
import type { ServerResponse } from 'node:http';
import type { BodyRecording } from '../capture/body-recording';
import { downstreamRawHeaders } from './proxy-headers';
import type { UpstreamCall, UpstreamHandler } from './upstream-pool';

/** Where a forwarded response goes. */
export interface ForwardClient {
  readonly headersSent: boolean;
  readonly destroyed: boolean;
  /** Reports to `forward` until it settles: a client that went away (`clientClosed`), a full socket drained (`call.resume()`). */
  attach(forward: PlainForward): void;
  /** The upstream's status and raw headers; throws when they cannot be passed on (an invalid header). */
  writeHead(status: number, upstreamRawHeaders: string[]): void;
  /** False when the client's socket is full: the client resumes the forward's call once it drains. */
  write(chunk: Buffer): boolean;
  end(): void;
  /** A 502 with a JSON error body, before any of the upstream's response was sent. */
  badGateway(body: string): void;
  /** Cuts the connection: the only way to tell the client a response that already started has failed. */
  destroy(): void;
}

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

/** A node:http response as a ForwardClient (connections the route handed to node:http). */
export class ServerResponseClient implements ForwardClient {
  constructor(private readonly res: ServerResponse) {}

  get headersSent(): boolean {
    return this.res.headersSent;
  }

  get destroyed(): boolean {
    return this.res.destroyed;
  }

  attach(forward: PlainForward): void {
    (this.res as ForwardedResponse)[FORWARD] = forward;
    this.res.once('close', onClientClose);
  }

  writeHead(status: number, upstreamRawHeaders: string[]): void {
    this.res.writeHead(status, downstreamRawHeaders(upstreamRawHeaders));
  }

  write(chunk: Buffer): boolean {
    if (this.res.write(chunk)) return true;
    this.res.once('drain', onDrain);
    return false;
  }

  end(): void {
    this.res.end();
  }

  badGateway(body: string): void {
    this.res.writeHead(502, { 'content-type': 'application/json' }).end(body);
  }

  destroy(): void {
    this.res.destroy();
  }
}

export class PlainForward implements UpstreamHandler {
  status = 0;
  call: UpstreamCall | null = null;
  private rawHeaders: string[] = [];
  private settled = false;

  constructor(
    private readonly client: ForwardClient,
    readonly responseBody: BodyRecording | null,
    /** Called once: after the response is ended (error null) or when the exchange failed. */
    private readonly done: (forward: PlainForward, error: Error | null) => void,
  ) {
    client.attach(this);
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
      this.client.writeHead(status, rawHeaders);
    } catch (error) {
      // A header that cannot be sent (invalid characters): the upstream's answer cannot be passed on.
      this.status = 0;
      this.call?.abort();
      this.settle(error as Error);
    }
  }

  onData(chunk: Buffer): boolean {
    if (this.settled) return true;
    this.responseBody?.record(chunk);
    return this.client.write(chunk);
  }

  onEnd(): void {
    if (this.settled) return;
    this.client.end();
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
