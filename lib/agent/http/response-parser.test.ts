// The upstream response parser on byte-exact responses, each fed whole and split at every byte boundary
// (a socket may cut a response anywhere): heads, the body framings, interim answers and malformed input.
import { describe, expect, it } from 'vitest';
import { ResponseParser, type ResponseSink } from './response-parser';

interface Parsed {
  heads: [number, string[]][];
  body: string;
  completed: boolean[];
}

function parse(wire: string, { expectBody = true, cuts = [] as number[] } = {}): Parsed & { parser: ResponseParser } {
  const parsed: Parsed = { heads: [], body: '', completed: [] };
  const sink: ResponseSink = {
    onHead: (status, raw) => parsed.heads.push([status, raw]),
    onBody: (chunk) => (parsed.body += chunk.toString('latin1')),
    onComplete: (reusable) => parsed.completed.push(reusable),
  };
  const parser = new ResponseParser(sink);
  parser.reset(expectBody);
  const bytes = Buffer.from(wire, 'latin1');
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > from) parser.execute(bytes.subarray(from, cut));
    from = cut;
  }
  return { ...parsed, parser };
}

/** The same result however the bytes are split into two reads. */
function parseEverySplit(wire: string, options: { expectBody?: boolean } = {}): Parsed {
  const whole = parse(wire, options);
  for (let cut = 1; cut < wire.length; cut++) {
    const { heads, body, completed } = parse(wire, { ...options, cuts: [cut] });
    expect({ heads, body, completed }, `split at ${cut}`).toEqual({ heads: whole.heads, body: whole.body, completed: whole.completed });
  }
  return whole;
}

describe('ResponseParser', () => {
  it('reads a Content-Length response: status, raw headers as sent, body, reusable', () => {
    const r = parseEverySplit('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nX-Two:  a b \r\n\r\nhello');
    expect(r.heads).toEqual([[200, ['Content-Type', 'text/plain', 'Content-Length', '5', 'X-Two', 'a b']]]);
    expect([r.body, r.completed]).toEqual(['hello', [true]]);
  });

  it('decodes a chunked body with extensions and trailers, whatever the splits', () => {
    const r = parseEverySplit('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: t\r\n\r\n');
    expect([r.body, r.completed]).toEqual(['helloabcdefghijklmnopqrstuvwxyz', [true]]);
  });

  it('has no body for HEAD, 204 and 304 whatever the framing headers say', () => {
    expect(parseEverySplit('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n', { expectBody: false }).completed).toEqual([true]);
    expect(parseEverySplit('HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n').completed).toEqual([true]);
    expect(parseEverySplit('HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n').completed).toEqual([true]);
  });

  it('skips interim 1xx answers and reads the final one', () => {
    const r = parseEverySplit('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok');
    expect(r.heads.map(([status]) => status)).toEqual([201]);
    expect(r.body).toBe('ok');
  });

  it('reads a body without length until the connection closes, and never reuses that connection', () => {
    const r = parse('HTTP/1.1 200 OK\r\n\r\nsome bytes');
    expect([r.body, r.completed, r.parser.endsAtClose]).toEqual(['some bytes', [], true]);
    r.parser.finishAtClose();
    expect(r.parser.done).toBe(true);
  });

  it('says when a connection cannot be reused: Connection: close, HTTP/1.0; and reads the Keep-Alive hint', () => {
    expect(parse('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n').completed).toEqual([false]);
    expect(parse('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n').completed).toEqual([false]);
    const hinted = parse('HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 0\r\n\r\n');
    expect([hinted.completed, hinted.parser.keepAliveHintMs]).toEqual([[true], 5000]);
  });

  it('refuses malformed responses', () => {
    expect(() => parse('HTTX/1.1 200 OK\r\n\r\n')).toThrow(/status line/);
    expect(() => parse('HTTP/1.1 2x0 OK\r\n\r\n')).toThrow(/status line/);
    expect(() => parse('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n')).toThrow(/header line/);
    expect(() => parse('HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n')).toThrow(/content-length/);
    expect(() => parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')).toThrow(/chunk size/);
    expect(() => parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n')).toThrow(/CRLF/);
    expect(() => parse('HTTP/1.1 101 Switching Protocols\r\n\r\n')).toThrow(/101/);
    expect(() => parse(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(20_000)}`)).toThrow(/larger than/);
  });

  it('refuses bytes after a complete response (the connection is out of step)', () => {
    expect(() => parse('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA')).toThrow(/after the end/);
  });
});
