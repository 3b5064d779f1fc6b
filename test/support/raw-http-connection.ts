// One keep-alive HTTP/1.1 connection driven by hand, for tests that must control when (or whether) a body is
// sent: the request head can go out alone, the body later, and further requests on the same socket. Responses
// are parsed in order (Content-Length or chunked bodies).
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class RawHttpConnection {
  private readonly socket: Socket;
  private buffer = Buffer.alloc(0);
  private readonly waiting: ((r: RawResponse) => void)[] = [];
  private readonly ready: RawResponse[] = [];
  private readonly closed: Promise<void>;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    this.socket.on('error', () => {});
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  /** Sends a request head (and optionally the first bytes of its body). */
  sendHead(method: string, path: string, headers: Record<string, string>, body: string | Buffer = ''): void {
    const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    this.socket.write(lines.join('\r\n') + '\r\n\r\n');
    if (body.length > 0) this.socket.write(body);
  }

  send(bytes: string | Buffer): void {
    this.socket.write(bytes);
  }

  /** The next response on this connection, in order. */
  nextResponse(): Promise<RawResponse> {
    const r = this.ready.shift();
    if (r) return Promise.resolve(r);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Resolves when the connection is closed (by either side). */
  whenClosed(): Promise<void> {
    return this.closed;
  }

  bytesWritten(): number {
    return this.socket.bytesWritten;
  }

  close(): void {
    this.socket.destroy();
  }

  private parse(): void {
    for (;;) {
      const headEnd = this.buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const [statusLine, ...headerLines] = this.buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const rest = this.buffer.subarray(headEnd + 4);
      let body: Buffer;
      let consumed: number;
      if (headers['transfer-encoding'] === 'chunked') {
        const parts: Buffer[] = [];
        let at = 0;
        for (;;) {
          const lineEnd = rest.indexOf('\r\n', at);
          if (lineEnd < 0) return;
          const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
          if (rest.length < lineEnd + 2 + size + 2) return;
          parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
          at = lineEnd + 2 + size + 2;
          if (size === 0) break;
        }
        body = Buffer.concat(parts);
        consumed = at;
      } else {
        const length = Number(headers['content-length'] ?? 0);
        if (rest.length < length) return;
        body = rest.subarray(0, length);
        consumed = length;
      }
      this.buffer = rest.subarray(consumed);
      const response = { status: Number(statusLine!.split(' ')[1]), headers, body: body.toString('utf8') };
      const waiter = this.waiting.shift();
      if (waiter) waiter(response);
      else this.ready.push(response);
    }
  }
}
