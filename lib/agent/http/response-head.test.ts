// The response heads an HTTP route writes itself (response-head.ts): node:http's framing and header rules.
import { describe, expect, it } from 'vitest';
import { InvalidResponseHeader, responseHead } from './response-head';

describe('responseHead', () => {
  it('keeps the upstream headers in order, drops hop-by-hop ones, adds keep-alive and keeps Content-Length framing', () => {
    const head = responseHead(
      200,
      ['Content-Type', 'application/json', 'Connection', 'keep-alive, x-hop', 'x-hop', '1', 'Keep-Alive', 'timeout=5', 'Content-Length', '2', 'Date', 'Sun, 29 Nov 2026 11:00:00 GMT'],
      true,
      65,
    );
    expect(head).toEqual({
      text: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nDate: Sun, 29 Nov 2026 11:00:00 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=65\r\n\r\n',
      framing: 'length',
    });
  });

  it('adds a Date when the upstream sent none, and chunks a body that has no length', () => {
    const head = responseHead(201, ['Content-Type', 'text/plain'], true, 65);
    expect(head.framing).toBe('chunked');
    expect(head.text).toMatch(
      /^HTTP\/1\.1 201 Created\r\nContent-Type: text\/plain\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=65\r\nTransfer-Encoding: chunked\r\n\r\n$/,
    );
  });

  it('re-chunks a chunked upstream body and drops the Content-Length sent next to it', () => {
    const head = responseHead(200, ['Transfer-Encoding', 'chunked', 'Content-Length', '999', 'Date', 'x'], true, 65);
    expect(head.framing).toBe('chunked');
    expect(head.text).not.toMatch(/Content-Length/i);
  });

  it('sends one Content-Length when the upstream repeated it', () => {
    const head = responseHead(200, ['Content-Length', '2', 'content-length', '2', 'Date', 'x'], true, 65);
    expect(head.text.match(/content-length/gi)).toHaveLength(1);
  });

  it('has no body for HEAD, 204 and 304, whatever the headers say', () => {
    expect(responseHead(200, ['Content-Length', '10', 'Date', 'x'], false, 65).framing).toBe('none');
    expect(responseHead(204, ['Date', 'x'], true, 65)).toEqual({ text: 'HTTP/1.1 204 No Content\r\nDate: x\r\nConnection: keep-alive\r\nKeep-Alive: timeout=65\r\n\r\n', framing: 'none' });
    expect(responseHead(304, ['Date', 'x'], true, 65).framing).toBe('none');
  });

  it.each([
    ['a bare LF in a value', ['X-Evil', 'a\nSet-Cookie: x=1']],
    ['a CR in a value', ['X-Evil', 'a\rb']],
    ['a NUL in a value', ['X-Evil', 'a\0b']],
    ['a space in a name', ['X Evil', 'a']],
    ['an empty name', ['', 'a']],
  ])('refuses %s, as node:http does', (_what, raw) => {
    expect(() => responseHead(200, raw, true, 65)).toThrow(InvalidResponseHeader);
  });

  it('passes obs-text (0x80-0xff) in values, as node:http does', () => {
    expect(responseHead(200, ['X-Name', 'caf\xe9', 'Date', 'x'], true, 65).text).toContain('X-Name: caf\xe9\r\n');
  });
});
