// What the route serves itself and what it leaves to node:http (request-head.ts): a wrong "plain" answer here is a
// request smuggling bug, so every kind of head that must go to node:http is listed.
import { describe, expect, it } from 'vitest';
import { MAX_HEAD_BYTES, readRequestHead } from './request-head';

const read = (text: string) => readRequestHead(Buffer.from(text, 'latin1'));

describe('readRequestHead', () => {
  it('reads a plain head: method, target, raw headers as sent (values trimmed) and where it ends', () => {
    const text = 'GET /stock/1?x=%20y HTTP/1.1\r\nHost: shop\r\nX-Trace :\r\naccept:  */*\t\r\nContent-Length: 0\r\nx-empty:\r\n\r\nGET /next';
    expect(read(text.replace('X-Trace :\r\n', ''))).toEqual({
      method: 'GET',
      url: '/stock/1?x=%20y',
      rawHeaders: ['Host', 'shop', 'accept', '*/*', 'Content-Length', '0', 'x-empty', ''],
      end: text.replace('X-Trace :\r\n', '').indexOf('GET /next'),
    });
    // A blank before the colon is not a header name llhttp accepts.
    expect(read(text)).toBe('other');
  });

  it('keeps obs-text (bytes 0x80-0xff) in values as latin1, as node:http does', () => {
    const head = read('GET / HTTP/1.1\r\nHost: a\r\nx-name: caf\xe9\r\n\r\n');
    expect(head).not.toBe('other');
    expect(typeof head === 'object' && head.rawHeaders[3]).toBe('caf\xe9');
  });

  it('waits for the rest of a head, and gives one over the size limit to node:http', () => {
    expect(read('GET / HTTP/1.1\r\nHost: a\r\n')).toBe('incomplete');
    expect(read('GET / HTTP/1.1\r\nHost: a\r\n\r')).toBe('incomplete');
    const long = `GET / HTTP/1.1\r\nHost: a\r\nx-long: ${'a'.repeat(MAX_HEAD_BYTES)}`;
    expect(read(long)).toBe('other');
    expect(read(`${long}\r\n\r\n`)).toBe('other');
  });

  it.each([
    ['a body by length', 'POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello'],
    ['a chunked body', 'POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['length and chunked', 'GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n'],
    ['two zero lengths', 'GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n'],
    ['a zero and a real length', 'GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 44\r\n\r\n'],
    ['a length with a sign', 'GET / HTTP/1.1\r\nHost: a\r\nContent-Length: +0\r\n\r\n'],
    ['an upgrade', 'GET /ws HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n'],
    ['an expectation', 'GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n'],
    ['Connection: close', 'GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'],
    ['Connection naming a header', 'GET / HTTP/1.1\r\nHost: a\r\nConnection: x-secret\r\nx-secret: 1\r\n\r\n'],
    ['HTTP/1.0', 'GET / HTTP/1.0\r\nHost: a\r\n\r\n'],
    ['HTTP/2 prior knowledge', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['CONNECT', 'CONNECT shop:443 HTTP/1.1\r\nHost: shop:443\r\n\r\n'],
    ['an unusual method', 'PROPFIND / HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a lower-case method', 'get / HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['an absolute target', 'GET http://evil/ HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['an asterisk target', 'OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a space in the target', 'GET /a b HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a non-ASCII target', 'GET /caf\xe9 HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a tab in the request line', 'GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['two spaces in the request line', 'GET  / HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['no Host', 'GET / HTTP/1.1\r\nAccept: */*\r\n\r\n'],
    ['two Hosts', 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'],
    ['a folded header', 'GET / HTTP/1.1\r\nHost: a\r\nx-a: 1\r\n  2\r\n\r\n'],
    ['a bare LF inside a value', 'GET / HTTP/1.1\r\nHost: a\r\nx-a: 1\nContent-Length: 5\r\n\r\n'],
    ['a bare CR inside a value', 'GET / HTTP/1.1\r\nHost: a\r\nx-a: 1\rContent-Length: 5\r\n\r\n'],
    ['a bare LF line end', 'GET / HTTP/1.1\nHost: a\r\n\r\n'],
    ['a NUL in a value', 'GET / HTTP/1.1\r\nHost: a\r\nx-a: 1\x002\r\n\r\n'],
    ['a header line without a colon', 'GET / HTTP/1.1\r\nHost: a\r\nnocolon\r\n\r\n'],
    ['an empty header name', 'GET / HTTP/1.1\r\nHost: a\r\n: x\r\n\r\n'],
    ['a separator in a name', 'GET / HTTP/1.1\r\nHost: a\r\nx(a): 1\r\n\r\n'],
    ['a blank line before the request', '\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a head with no headers', 'GET / HTTP/1.1\r\n\r\n'],
  ])('leaves %s to node:http', (_what, text) => {
    expect(read(text)).toBe('other');
  });

  it('never reads past its blank line: what follows is the next request, untouched', () => {
    const first = 'GET /a HTTP/1.1\r\nHost: a\r\n\r\n';
    const buffer = Buffer.from(`${first}POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc`, 'latin1');
    const head = readRequestHead(buffer);
    expect(typeof head === 'object' && head.end).toBe(first.length);
    expect(typeof head === 'object' && readRequestHead(buffer.subarray(head.end))).toBe('other');
  });
});
