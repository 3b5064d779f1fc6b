// A minimal keep-alive HTTP/1.1 client for the unfaulted path of an HTTP route (issue 13): the request head goes
// out as one latin1 string, the response is parsed in JS (response-parser.ts) and its body chunks are handed to
// the handler as they arrive, with backpressure (the socket is paused until the handler's sink drains). Idle
// connections are kept (newest first, while the upstream's Keep-Alive hint allows) and reused; at most
// `maxConnections` are busy, later requests wait for one. Socket listeners are attached once per connection,
// not per request. undici did the same job with more machinery per request (a Request object, header
// normalisation, the llhttp call-outs, its own timers and queues), which profiles showed as the largest share of
// the agent's JavaScript time per proxied request.
//
// Failure rules: an error before the response completes reaches the handler once (onError), except after
// abort(); a bodyless request that fails on a reused connection before any response byte is retried once on a
// new connection (the upstream may have closed the idle connection as the request was sent).
import { connect, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { Readable } from 'node:stream';
import { ResponseParser, type ResponseSink } from './response-parser';

export interface UpstreamHandler {
  /** The final response head; `rawHeaders` alternates names and values. */
  onHead(status: number, rawHeaders: string[]): void;
  /** A body chunk (only valid during the call); false pauses the upstream until `UpstreamCall.resume()`. */
  onData(chunk: Buffer): boolean;
  onEnd(): void;
  /** The exchange failed (connect, reset, invalid response, timeout). Not called after `abort()`. */
  onError(error: Error): void;
}

export interface UpstreamRequest {
  /** Request line and header lines, ending with the empty line (CRLF CRLF), framing headers included. */
  head: string;
  /** False for HEAD: the answer has no body whatever its headers say. */
  expectBody: boolean;
  body: Readable | null;
  /** Chunk-encode the body (the head says Transfer-Encoding: chunked); otherwise it is sent as is. */
  chunked: boolean;
}

export interface UpstreamPoolOptions {
  maxConnections: number;
  /** How long an idle connection is kept when the upstream sends no Keep-Alive hint. */
  keepAliveMs: number;
  /** A busy connection with no traffic for this long fails its request (undici's headers/body timeouts). */
  timeoutMs: number;
  maxIdle: number;
  /** An https: upstream (TLS with the host name as SNI and for the certificate check, as undici does). */
  tls?: boolean;
}

function upstreamError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

export class UpstreamCall {
  connection: UpstreamConnection | null = null;
  settled = false;
  /** A response byte arrived: the request reached the upstream and must not be sent again. */
  answered = false;
  bodyDone: boolean;

  constructor(
    readonly pool: UpstreamPool,
    readonly request: UpstreamRequest,
    readonly handler: UpstreamHandler,
  ) {
    this.bodyDone = request.body === null;
  }

  /** The caller gave up: the connection is closed (its state is unknown), the handler hears nothing more. */
  abort(): void {
    if (this.settled) return;
    this.settled = true;
    this.stopBody();
    this.connection?.drop();
  }

  /** Resumes an upstream paused by a false `onData`. */
  resume(): void {
    if (!this.settled) this.connection?.socket.resume();
  }

  /** What is left of the request body is read and dropped (the caller's stream must not stall). */
  stopBody(): void {
    if (this.bodyDone) return;
    this.bodyDone = true;
    this.request.body!.resume();
  }
}

export class UpstreamConnection implements ResponseSink {
  readonly socket: Socket;
  readonly parser = new ResponseParser(this);
  call: UpstreamCall | null = null;
  reused = false;
  idleUntil = 0;
  private completed = false;
  private reusableAfter = false;

  constructor(
    private readonly pool: UpstreamPool,
    host: string,
    port: number,
  ) {
    if (pool.options.tls) {
      this.socket = connectTls({ host, port, servername: isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'] });
      this.socket.setNoDelay(true).setKeepAlive(true);
    } else this.socket = connect({ host, port, noDelay: true, keepAlive: true });
    this.socket.setTimeout(pool.options.timeoutMs);
    this.socket.on('data', (chunk: Buffer) => this.onSocketData(chunk));
    this.socket.on('end', () => this.onSocketEnd());
    this.socket.on('error', (error: Error) => this.fail(error));
    this.socket.on('close', () => this.onSocketClose());
    this.socket.on('timeout', () => (this.call ? this.fail(upstreamError('upstream timed out', 'ETIMEDOUT')) : this.socket.destroy()));
  }

  start(call: UpstreamCall): void {
    this.call = call;
    call.connection = this;
    this.completed = false;
    this.parser.reset(call.request.expectBody);
    const { head, body, chunked } = call.request;
    this.socket.write(head, 'latin1');
    if (body) this.pumpBody(call, body, chunked);
  }

  onHead(status: number, rawHeaders: string[]): void {
    this.call!.handler.onHead(status, rawHeaders);
  }

  onBody(chunk: Buffer): void {
    if (!this.call!.handler.onData(chunk)) this.socket.pause();
  }

  onComplete(reusable: boolean): void {
    this.completed = true;
    this.reusableAfter = reusable;
  }

  /** The call is over for this connection (aborted): the socket is closed, not reused. */
  drop(): void {
    if (this.call) this.pool.released(this);
    this.call = null;
    this.socket.destroy();
  }

  private onSocketData(chunk: Buffer): void {
    const call = this.call;
    if (!call) {
      this.socket.destroy(); // an idle connection has nothing to say
      return;
    }
    call.answered = true;
    try {
      this.parser.execute(chunk);
    } catch (error) {
      // Bytes after a complete response: the answer stands, the connection is out of step and is closed.
      if (this.completed) this.reusableAfter = false;
      else return this.fail(error as Error);
    }
    if (this.completed) this.finish(call);
  }

  private onSocketEnd(): void {
    const call = this.call;
    if (call && this.parser.endsAtClose) {
      this.parser.finishAtClose();
      this.finish(call);
    } else this.fail(upstreamError('upstream closed the connection', 'ECONNRESET'));
  }

  private onSocketClose(): void {
    this.fail(upstreamError('upstream closed the connection', 'ECONNRESET'));
    this.pool.closed(this);
  }

  /** The response is complete: the connection goes back to the pool (or is closed), then the handler hears it. */
  private finish(call: UpstreamCall): void {
    this.call = null;
    call.settled = true;
    // An answer that came before the whole request was sent leaves the connection mid-request.
    const reusable = this.reusableAfter && call.bodyDone;
    call.stopBody();
    const hint = this.parser.keepAliveHintMs;
    const idleMs = hint === null ? this.pool.options.keepAliveMs : Math.min(this.pool.options.keepAliveMs, hint - 1000);
    if (reusable && idleMs > 0 && this.pool.keep(this)) {
      this.idleUntil = Date.now() + idleMs;
      this.socket.resume(); // an idle connection must still notice the upstream closing it
    } else this.socket.destroy();
    call.handler.onEnd();
    this.pool.released(this);
  }

  private fail(error: Error): void {
    const call = this.call;
    if (!call) return;
    this.call = null;
    this.socket.destroy();
    this.pool.released(this);
    if (call.settled) return;
    if (this.reused && !call.answered && call.request.body === null) {
      this.pool.retry(call);
      return;
    }
    call.settled = true;
    call.stopBody();
    call.handler.onError(error);
  }

  private pumpBody(call: UpstreamCall, body: Readable, chunked: boolean): void {
    const socket = this.socket;
    const resume = () => body.resume();
    body.on('data', (chunk: Buffer) => {
      if (call.settled || call.connection !== this || socket.destroyed) return;
      let ok: boolean;
      if (chunked) {
        if (chunk.length === 0) return; // a zero-size chunk would end the body
        socket.cork();
        socket.write(`${chunk.length.toString(16)}\r\n`, 'latin1');
        socket.write(chunk);
        ok = socket.write('\r\n', 'latin1');
        socket.uncork();
      } else ok = socket.write(chunk);
      if (!ok) {
        body.pause();
        socket.once('drain', resume);
      }
    });
    body.once('end', () => {
      if (call.connection !== this || socket.destroyed) return;
      if (chunked && !call.settled) socket.write('0\r\n\r\n', 'latin1');
      call.bodyDone = true;
    });
    body.once('error', (error: Error) => {
      if (call.connection === this && !call.settled) this.fail(error);
    });
  }
}

export class UpstreamPool {
  private readonly idle: UpstreamConnection[] = [];
  private readonly all = new Set<UpstreamConnection>();
  private readonly waiting: UpstreamCall[] = [];
  private busy = 0;
  private shut = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
    readonly options: UpstreamPoolOptions,
  ) {}

  request(request: UpstreamRequest, handler: UpstreamHandler): UpstreamCall {
    const call = new UpstreamCall(this, request, handler);
    if (this.shut) {
      call.settled = true;
      queueMicrotask(() => handler.onError(upstreamError('upstream pool closed', 'ECONNRESET')));
    } else if (this.busy < this.options.maxConnections) this.assign(call, this.take());
    else this.waiting.push(call);
    return call;
  }

  /** Sends a call again on a new connection (see the failure rules at the top). */
  retry(call: UpstreamCall): void {
    if (this.busy < this.options.maxConnections) this.assign(call, this.open());
    else this.waiting.unshift(call);
  }

  /** A busy connection's call is over; the next waiting call may start. */
  released(_connection: UpstreamConnection): void {
    this.busy--;
    while (this.waiting.length > 0 && this.busy < this.options.maxConnections) {
      const next = this.waiting.shift()!;
      if (!next.settled) this.assign(next, this.take());
    }
  }

  /** Takes an idle connection back; false when the pool is closing or has enough idle ones. */
  keep(connection: UpstreamConnection): boolean {
    if (this.shut || this.idle.length >= this.options.maxIdle) return false;
    connection.reused = true;
    this.idle.push(connection);
    return true;
  }

  closed(connection: UpstreamConnection): void {
    this.all.delete(connection);
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
  }

  async close(): Promise<void> {
    this.shut = true;
    for (const call of this.waiting.splice(0)) call.abort();
    const closing = [...this.all].map((c) => new Promise<void>((resolve) => (c.socket.destroyed ? resolve() : c.socket.once('close', () => resolve()))));
    for (const connection of this.all) connection.socket.destroy();
    this.idle.length = 0;
    await Promise.all(closing);
  }

  private assign(call: UpstreamCall, connection: UpstreamConnection): void {
    this.busy++;
    connection.start(call);
  }

  /** The most recently idle connection that is still within its keep-alive time, or a new one. */
  private take(): UpstreamConnection {
    const now = Date.now();
    for (let connection = this.idle.pop(); connection; connection = this.idle.pop()) {
      if (connection.idleUntil > now && !connection.socket.destroyed) return connection;
      connection.socket.destroy();
    }
    return this.open();
  }

  private open(): UpstreamConnection {
    const connection = new UpstreamConnection(this, this.host, this.port);
    this.all.add(connection);
    return connection;
  }
}
