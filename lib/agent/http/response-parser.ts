// An incremental HTTP/1.1 response parser for the agent's upstream connections (upstream-pool.ts): one per
// connection, reset per request. It reads what the proxy needs and nothing more: the status line, the header
// lines as a flat [name, value, ...] array of latin1 strings (names as the upstream spelled them), and the body
// framing (RFC 9112 §6.3): none for HEAD, 1xx, 204 and 304; chunked; Content-Length; otherwise until the
// connection closes. Interim 1xx answers are skipped. Body bytes are handed on as sub-views of the socket's
// chunks (no copies). In JS rather than undici's llhttp: for the few headers of a typical answer, one string
// split costs less than the WebAssembly call-outs per header field and value (issue 13).
import { maxHeaderSize } from 'node:http';

export interface ResponseSink {
  /** The final (non-1xx) response head. `rawHeaders` alternates names and values. */
  onHead(status: number, rawHeaders: string[]): void;
  onBody(chunk: Buffer): void;
  /** The response is complete; `reusable` says whether the connection may carry another request. */
  onComplete(reusable: boolean): void;
}

export class ResponseParseError extends Error {
  readonly code = 'HPE_INVALID_RESPONSE';
}

const enum Framing {
  Head,
  Length,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilClose,
  Done,
}

const CRLF = Buffer.from('\r\n');

/** A Content-Length value (1 to 15 digits) as a number; -1 when it is not one. */
function decimal(value: string): number {
  if (value.length === 0 || value.length > 15) return -1;
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}
const HEAD_END = Buffer.from('\r\n\r\n');

export class ResponseParser {
  private framing = Framing.Done;
  private expectBody = true;
  /** Bytes of a head or chunk-size/trailer line that arrived split over socket reads. */
  private pending: Buffer | null = null;
  private remaining = 0;
  private reusable = true;
  /** From `Keep-Alive: timeout=N` of the last response, in ms; null when the upstream gave none. */
  keepAliveHintMs: number | null = null;
  private lastKeepAlive = '';
  private lastKeepAliveMs: number | null = null;

  constructor(private readonly sink: ResponseSink) {}

  /** Starts a response; `expectBody` is false for an answer to HEAD. */
  reset(expectBody: boolean): void {
    this.framing = Framing.Head;
    this.expectBody = expectBody;
    this.pending = null;
    this.reusable = true;
    this.keepAliveHintMs = null;
  }

  get done(): boolean {
    return this.framing === Framing.Done;
  }

  /** True while a body runs until the connection closes: the close ends it rather than failing it. */
  get endsAtClose(): boolean {
    return this.framing === Framing.UntilClose;
  }

  /** The connection closed: completes a close-delimited body. */
  finishAtClose(): void {
    if (this.framing === Framing.UntilClose) this.complete(false);
  }

  /** Parses one socket read. Bytes after the end of the response mean the connection cannot be reused. */
  execute(chunk: Buffer): void {
    let data = chunk;
    if (this.pending) {
      data = Buffer.concat([this.pending, chunk]);
      this.pending = null;
    }
    let at = 0;
    while (at < data.length) {
      switch (this.framing) {
        case Framing.Head: {
          const end = data.indexOf(HEAD_END, at);
          if (end < 0) return this.keepPartial(data, at);
          this.head(data.toString('latin1', at, end));
          at = end + 4;
          break;
        }
        case Framing.Length: {
          const n = Math.min(this.remaining, data.length - at);
          this.remaining -= n;
          this.sink.onBody(at === 0 && n === data.length ? data : data.subarray(at, at + n));
          at += n;
          if (this.remaining === 0) this.complete(this.reusable);
          break;
        }
        case Framing.UntilClose:
          this.sink.onBody(at === 0 ? data : data.subarray(at));
          return;
        case Framing.ChunkSize: {
          const end = data.indexOf(CRLF, at);
          if (end < 0) return this.keepPartial(data, at);
          const line = data.toString('latin1', at, end);
          const semicolon = line.indexOf(';');
          const hex = (semicolon < 0 ? line : line.slice(0, semicolon)).trim();
          if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new ResponseParseError(`invalid chunk size line: ${JSON.stringify(line.slice(0, 40))}`);
          this.remaining = parseInt(hex, 16);
          this.framing = this.remaining === 0 ? Framing.Trailers : Framing.ChunkData;
          at = end + 2;
          break;
        }
        case Framing.ChunkData: {
          const n = Math.min(this.remaining, data.length - at);
          this.remaining -= n;
          this.sink.onBody(data.subarray(at, at + n));
          at += n;
          if (this.remaining === 0) {
            this.framing = Framing.ChunkDataEnd;
            this.remaining = 2;
          }
          break;
        }
        case Framing.ChunkDataEnd: {
          // The CRLF after a chunk's data, possibly split over two reads.
          while (this.remaining > 0 && at < data.length) {
            if (data[at] !== (this.remaining === 2 ? 13 : 10)) throw new ResponseParseError('missing CRLF after chunk data');
            this.remaining--;
            at++;
          }
          if (this.remaining === 0) this.framing = Framing.ChunkSize;
          break;
        }
        case Framing.Trailers: {
          // Trailer fields are read and dropped (the proxy forwards none); an empty line ends the message.
          const end = data.indexOf(CRLF, at);
          if (end < 0) return this.keepPartial(data, at);
          const empty = end === at;
          at = end + 2;
          if (empty) this.complete(this.reusable);
          break;
        }
        case Framing.Done:
          // More bytes than the response had: the connection is out of step and must not be reused.
          this.reusable = false;
          throw new ResponseParseError('data after the end of the response');
      }
    }
  }

  private keepPartial(data: Buffer, at: number): void {
    const rest = data.subarray(at);
    if (this.framing === Framing.Head && rest.length > maxHeaderSize) throw new ResponseParseError(`response head larger than ${maxHeaderSize} bytes`);
    if (rest.length > maxHeaderSize) throw new ResponseParseError('chunk size or trailer line too long');
    // A copy: the socket's chunk is not ours to keep.
    this.pending = Buffer.from(rest);
  }

  private head(text: string): void {
    // One pass over the head with indexOf and charCodeAt: no array of lines, no trimmed copies (this runs once
    // per proxied request).
    let eol = text.indexOf('\r\n');
    if (eol < 0) eol = text.length;
    // "HTTP/1.x NNN reason"
    const d0 = text.charCodeAt(9) - 48;
    const d1 = text.charCodeAt(10) - 48;
    const d2 = text.charCodeAt(11) - 48;
    if (eol < 12 || !text.startsWith('HTTP/1.') || text.charCodeAt(8) !== 32 || !(d0 >= 1 && d0 <= 9 && d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9) || (eol > 12 && text.charCodeAt(12) !== 32))
      throw new ResponseParseError(`invalid status line: ${JSON.stringify(text.slice(0, Math.min(eol, 40)))}`);
    const status = d0 * 100 + d1 * 10 + d2;
    let reusable = text.charCodeAt(7) === 49; // HTTP/1.1; HTTP/1.0 connections are not reused
    let contentLength = -1;
    let chunked = false;
    const raw: string[] = [];
    for (let at = eol + 2; at < text.length; at = eol + 2) {
      eol = text.indexOf('\r\n', at);
      if (eol < 0) eol = text.length;
      const colon = text.indexOf(':', at);
      const first = text.charCodeAt(at);
      if (colon <= at || colon > eol || first === 32 || first === 9) throw new ResponseParseError(`invalid header line: ${JSON.stringify(text.slice(at, Math.min(eol, at + 40)))}`);
      let from = colon + 1;
      let to = eol;
      while (from < to && isBlank(text.charCodeAt(from))) from++;
      while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
      const name = text.slice(at, colon);
      const value = text.slice(from, to);
      raw.push(name, value);
      // Only the framing headers matter here; comparing lengths first keeps the lower-casing off the others.
      switch (colon - at) {
        case 14:
          if (name.toLowerCase() === 'content-length') {
            const length = decimal(value);
            if (length < 0 || (contentLength >= 0 && length !== contentLength)) throw new ResponseParseError('invalid content-length');
            contentLength = length;
          }
          break;
        case 17:
          if (name.toLowerCase() === 'transfer-encoding') chunked = /(?:^|,)\s*chunked\s*$/i.test(value);
          break;
        case 10: {
          const lower = name.toLowerCase();
          if (lower === 'connection') {
            if (value === 'keep-alive') continue; // what nearly every upstream says
            const tokens = value.toLowerCase();
            if (tokens.includes('close')) reusable = false;
            else if (tokens.includes('keep-alive')) reusable = true;
          } else if (lower === 'keep-alive') {
            // An upstream sends the same value every time: parsed once.
            if (value !== this.lastKeepAlive) {
              const timeout = /timeout\s*=\s*(\d+)/i.exec(value);
              this.lastKeepAlive = value;
              this.lastKeepAliveMs = timeout ? Number(timeout[1]) * 1000 : null;
            }
            this.keepAliveHintMs = this.lastKeepAliveMs;
          }
          break;
        }
      }
    }
    if (status < 200) {
      // 101 to a request that did not ask to switch protocols cannot be proxied; other 1xx are interim.
      if (status === 101) throw new ResponseParseError('unexpected 101 Switching Protocols');
      return; // the final head follows
    }
    this.reusable = reusable;
    this.sink.onHead(status, raw);
    if (!this.expectBody || status === 204 || status === 304) this.complete(reusable);
    else if (chunked) this.framing = Framing.ChunkSize;
    else if (contentLength >= 0) {
      this.remaining = contentLength;
      this.framing = Framing.Length;
      if (contentLength === 0) this.complete(reusable);
    } else {
      this.reusable = false;
      this.framing = Framing.UntilClose;
    }
  }

  private complete(reusable: boolean): void {
    this.framing = Framing.Done;
    this.sink.onComplete(reusable);
  }
}
