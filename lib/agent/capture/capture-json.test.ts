// The capture batch writer must produce exactly JSON.stringify of the records captureRecord() builds (what the
// shipper sent before it, and what the dashboard's schema was written against): compared byte for byte on
// exchanges covering escapes, non-ASCII text, lone surrogates, redaction, header name edge cases and every body
// state, in batches that reuse and outgrow the writer's buffer.
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { captureRules as rules, observedExchanges as exchanges, recording } from '@/test/support/observed-exchanges';
import { captureBatchEncoder } from './capture-json';
import { captureRecord, type ObservedExchange } from './exchange-capture';

/** A client request as node:http's parser leaves it (its raw list; `headers` built by node on first use). */
function request(raw: string[]): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  (req as unknown as { _addHeaderLines(headers: string[], n: number): void })._addHeaderLines(raw, raw.length);
  return req;
}

function reference(batch: readonly ObservedExchange[]): string {
  return JSON.stringify({ captures: batch.map((exchange) => captureRecord(exchange, rules)) });
}

const encode = captureBatchEncoder(rules);

/** One record's JSON, as the encoder writes it inside a batch. */
function recordJson(exchange: ObservedExchange): string {
  const text = encode([exchange]).toString('utf8');
  return text.slice('{"captures":['.length, -']}'.length);
}

describe('captureBatchEncoder', () => {
  it("writes JSON.stringify's text of captureRecord for every exchange, alone and in one batch", () => {
    const all = exchanges();
    for (const exchange of all) expect(recordJson(exchange)).toBe(JSON.stringify(captureRecord(exchange, rules)));
    for (const exchange of all) expect(encode([exchange]).toString('utf8')).toBe(reference([exchange]));
    expect(encode(all).toString('utf8')).toBe(reference(all));
    expect(encode([]).toString('utf8')).toBe('{"captures":[]}');
  });

  it('grows past its buffer, and a batch it returned is not changed by the next one', () => {
    const huge = { ...exchanges()[0]!, response: { status: 200, headers: ['content-type', 'text/plain'], body: recording('é'.repeat(200_000), 300_000) } };
    const first = encode([huge]);
    const text = first.toString('utf8');
    expect(first.length).toBeGreaterThan(256 * 1024);
    expect(text).toBe(reference([huge]));
    encode(exchanges());
    expect(first.toString('utf8')).toBe(text);
    const many = Array.from({ length: 300 }, (_, i) => ({
      ...exchanges()[0]!,
      id: `c-${i}`,
      response: { status: 200, headers: ['content-type', 'text/plain'], body: recording('é'.repeat(1000 + i)) },
    }));
    expect(encode(many).toString('utf8')).toBe(reference(many));
  });

  it('writes node:http requests and raw response lists, repeated, mixed-case, numeric and __proto__ names included, as their records', () => {
    const lists = [
      ['Host', 'a', 'Accept', '*/*', 'Content-Type', 'application/x-www-form-urlencoded', 'Authorization', 'Bearer x', 'X-Session', 's'],
      ['Set-Cookie', 'a=1', 'set-cookie', 'b=2', 'Cookie', 'k=1', 'cookie', 'k=2', 'Content-Type', 'text/plain', 'content-type', 'application/json'],
      ['X-One', '1', 'x-one', '2', 'X-ONE', '3', 'Authorization', 'a', 'authorization', 'b'],
      ['123', 'numeric', 'x-a', 'b', '9lives', 'c'],
      ['__proto__', 'p', 'x-a', 'b'],
      ['__PROTO__', 'p', 'x-b', 'c'],
      ['content-type', 'application/json'],
      [],
      Array.from({ length: 40 }, (_, i) => [`x-h${i}`, `v${i}`]).flat(),
    ];
    const base = exchanges()[0]!;
    for (const raw of lists) {
      const body = recording('token=abc&card=1');
      for (const exchange of [
        { ...base, requestHeaders: request(raw), requestBody: body },
        { ...base, requestHeaders: raw, requestBody: body, response: { status: 200, headers: raw, body: recording('{"card":{"number":"4111"}}') } },
      ]) {
        expect(recordJson(exchange)).toBe(JSON.stringify(captureRecord(exchange, rules)));
      }
    }
  });

  it('writes durations and other numbers as JSON.stringify does', () => {
    const base = exchanges()[1]!;
    const durations = [
      0,
      -0,
      1e-4,
      5e-4,
      4.9999e-4,
      0.0015,
      0.1,
      0.123456,
      0.9995,
      1,
      7.5,
      10.01,
      999.9995,
      123456.789,
      1e12 + 0.5,
      1e15,
      1e18,
      1e21,
      5e-324,
      -1.2345,
      -0.0004,
      NaN,
      Infinity,
      -Infinity,
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) durations.push(random() * 10 ** Math.floor(random() * 12 - 3));
    for (const durationMs of durations) {
      const exchange = { ...base, durationMs, response: { status: Math.floor(durationMs) % 1000, headers: [], body: null } };
      expect(recordJson(exchange)).toBe(JSON.stringify(captureRecord(exchange, rules)));
    }
  });
});
