// A client connection of an HTTP route served without node:http (issue 13: node:http's server side — its parser
// call-outs, IncomingMessage and ServerResponse streams, their events and timers — was the largest share of the
// agent's CPU per proxied request after the two socket writes). It reads plain requests (request-head.ts: complete,
// bodyless, unremarkable heads) and hands each to the route, which forwards it through the upstream pool with
// this connection as the client (PlainForward); one request at a time, in order, the next one read after the
// previous response ended.
//
// The first request that is not plain (a body, a fault or shadow copy that may apply, an upgrade, a partial or
// malformed head) makes the route hand the whole connection to node:http for good, with every byte not yet
// served put back in front of the socket's stream: node:http then parses exactly what the client sent, and the
// two parsers never both read one request.
import type { Socket } from 'node:net';
import type { ForwardClient, PlainForward } from './plain-forward';
import { MAX_HEAD_BYTES, readRequestHead, type PlainRequestHead } from './request-head';
import { httpDate, responseHead, type ResponseFraming } from './response-head';

export interface RouteConnectionHost {
  /** Seconds in the Keep-Alive header (the route's idle timeout for a client connection). */
  readonly keepAliveSeconds: number;
  /** Whether a plain request can be served here now (no fault or shadow copy could apply to it). */
  servesPlain(): boolean;
  /** Forwards one plain request with `connection` as its client (a PlainForward attaches to it). */
  forwardPlain(connection: RouteConnection, head: PlainRequestHead): void;
  /** node:http takes the socket over (its unread bytes are back in the stream). */
  handOff(socket: Socket): void;
  closed(connection: RouteConnection): void;
}

const LAST_CHUNK = '0\r\n\r\n';

export class RouteConnection implements ForwardClient {
  headersSent = false;
  destroyed = false;
  /** When the last response ended (ms since the epoch), 0 while one is in progress: for the idle sweep. */
  idleSince = Date.now();
  /** Bytes read but not served yet (the start of the next request, or pipelined ones). */
  private pending: Buffer | null = null;
  private forward: PlainForward | null = null;
  private expectsBody = true;
  private head: string | null = null;
  private framing: ResponseFraming = 'none';
  /** The client half-closed its side: the connection ends after the responses it is owed. */
  private ended = false;
  private readonly onData = (chunk: Buffer) => this.received(chunk);
  private readonly onEnd = () => this.clientEnded();
  private readonly onClose = () => this.socketClosed();
  private readonly onDrain = () => this.forward?.call?.resume();

  constructor(
    readonly socket: Socket,
    private readonly host: RouteConnectionHost,
  ) {
    socket.setNoDelay(true);
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onClose);
    socket.on('drain', this.onDrain);
    socket.on('error', noop); // 'close' follows
  }

  attach(forward: PlainForward): void {
    this.forward = forward;
  }

  writeHead(status: number, upstreamRawHeaders: string[]): void {
    const head = responseHead(status, upstreamRawHeaders, this.expectsBody, this.host.keepAliveSeconds);
    this.head = head.text;
    this.framing = head.framing;
    this.headersSent = true;
  }

  write(chunk: Buffer): boolean {
    if (this.destroyed) return true;
    if (this.framing === 'none' || chunk.length === 0) return true;
    const socket = this.socket;
    // The head goes out with the first chunk: one writev, as node:http does.
    socket.cork();
    if (this.head !== null) {
      socket.write(this.head, 'latin1');
      this.head = null;
    }
    let ok: boolean;
    if (this.framing === 'chunked') {
      socket.write(`${chunk.length.toString(16)}\r\n`, 'latin1');
      socket.write(chunk);
      ok = socket.write('\r\n', 'latin1');
    } else ok = socket.write(chunk);
    socket.uncork();
    return ok;
  }

  end(): void {
    if (this.destroyed) return;
    let rest = this.head ?? '';
    this.head = null;
    if (this.framing === 'chunked') rest += LAST_CHUNK;
    if (rest) this.socket.write(rest, 'latin1');
    this.responseEnded();
  }

  badGateway(body: string): void {
    if (this.destroyed) return;
    const length = Buffer.byteLength(body);
    this.headersSent = true;
    this.socket.write(
      `HTTP/1.1 502 Bad Gateway\r\ncontent-type: application/json\r\nDate: ${httpDate()}\r\nConnection: keep-alive\r\nKeep-Alive: timeout=${this.host.keepAliveSeconds}\r\nContent-Length: ${length}\r\n\r\n${this.expectsBody ? body : ''}`,
      'latin1',
    );
    this.responseEnded();
  }

  /** Cuts the connection: a failed response, an idle connection past its keep-alive time, the route closing. */
  destroy(): void {
    this.socket.destroy();
  }

  private received(chunk: Buffer): void {
    this.pending = this.pending === null ? chunk : Buffer.concat([this.pending, chunk]);
    if (this.forward === null) this.serveNext();
    // Pipelined requests wait for the response in progress; the socket stops reading once a head's worth waits.
    else if (this.pending.length > MAX_HEAD_BYTES) this.socket.pause();
  }

  private serveNext(): void {
    while (this.forward === null && this.pending !== null && !this.destroyed) {
      const head = readRequestHead(this.pending);
      if (typeof head === 'string' || !this.host.servesPlain()) {
        if (this.ended)
          this.socket.destroy(); // node:http would wait for bytes that can no longer come
        else this.handOff();
        return;
      }
      this.pending = head.end < this.pending.length ? this.pending.subarray(head.end) : null;
      this.idleSince = 0;
      this.headersSent = false;
      this.head = null;
      this.framing = 'none';
      this.expectsBody = head.method !== 'HEAD';
      this.host.forwardPlain(this, head);
    }
    if (this.forward === null && this.pending === null && this.ended) this.socket.end();
  }

  private responseEnded(): void {
    this.forward = null;
    this.idleSince = Date.now();
    if (this.socket.isPaused()) this.socket.resume();
    // The next request (pipelined, or already read) is served after the caller has finished with this one.
    if (this.pending !== null || this.ended) queueMicrotask(() => this.serveNext());
  }

  private handOff(): void {
    const socket = this.socket;
    socket.off('data', this.onData);
    socket.off('end', this.onEnd);
    socket.off('close', this.onClose);
    socket.off('drain', this.onDrain);
    socket.off('error', noop);
    socket.pause();
    if (this.pending !== null) socket.unshift(this.pending);
    this.pending = null;
    this.host.closed(this);
    this.host.handOff(socket);
    socket.resume();
  }

  private clientEnded(): void {
    this.ended = true;
    if (this.forward === null) this.serveNext();
  }

  private socketClosed(): void {
    this.destroyed = true;
    this.host.closed(this);
    this.forward?.clientClosed();
  }
}

function noop(): void {}
