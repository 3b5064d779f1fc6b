// The capture batch writer must produce exactly JSON.stringify of the records captureRecord() builds (what the
// shipper sent before it, and what the dashboard's schema was written against): compared byte for byte on
// exchanges covering escapes, non-ASCII text, lone surrogates, redaction, header name edge cases and every body
// state, in batches that reuse and outgrow the writer's buffer.
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BodyRecording, EMPTY_BODY } from './body-recording';
import { captureBatchEncoder } from './capture-json';
import { captureRecord, type ObservedExchange } from './exchange-capture';
import { scrubRules } from './scrub';

const rules = scrubRules({ headers: ['X-Session'], queryParams: ['token'], jsonPaths: ['$.card.number'] });

function recording(text: string | Buffer, cap = 65_536): BodyRecording {
  const r = new BodyRecording(cap, true);
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  for (let i = 0; i < bytes.length; i += 7) r.record(bytes.subarray(i, i + 7));
  return r;
}

function exchanges(): ObservedExchange[] {
  const base: ObservedExchange = {
    id: 'c-1',
    agent: 'agent-1',
    route: 'payment',
    shadowOf: null,
    trace: null,
    faultId: null,
    startedAt: Date.UTC(2026, 10, 29, 6, 48, 12, 7),
    durationMs: 0.123456,
    method: 'GET',
    url: '/stock/1',
    requestHeaders: { host: '127.0.0.1:1', accept: '*/*' },
    requestBody: EMPTY_BODY,
    response: { status: 200, headers: ['Content-Type', 'application/json', 'Set-Cookie', 'a=1', 'set-cookie', 'b=2', 'X-Thing', 'é "q" \\ \u0001'], body: recording('{"ok":true}') },
    error: null,
  };
  const long = 'x'.repeat(100);
  return [
    base,
    { ...base, response: null, error: 'upstream http://x failed: ECONNREFUSED', durationMs: 12 },
    {
      ...base,
      id: 'c-3',
      shadowOf: '4bf92f3577b34da6a3ce929d0e0e4736',
      trace: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', parentSpanId: '' },
      faultId: 'f-0123',
      startedAt: Date.UTC(2026, 10, 29, 6, 48, 13, 999),
      method: 'POST',
      url: '/pay?token=abc&x="1"',
      // Names in mixed case, two of them equal but for case: scrubHeaders decides which value is kept.
      requestHeaders: { Authorization: 'Bearer s3cret', 'X-Session': 'S', cookie: 'k=v', Accept: 'json', accept: 'text' },
      requestBody: recording(JSON.stringify({ card: { number: '4111', cvc: 1 }, note: 'ünïcode \u2028' })),
      response: { status: 502, headers: { 'content-type': 'application/json', 'set-cookie': ['a', 'b'], 'x-session': ['1', '2'] }, body: recording('{"card":{"number":"1"}}', 10) },
    },
    {
      ...base,
      trace: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', parentSpanId: 'aaaaaaaaaaaaaaaa' },
      requestHeaders: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'x', '123': 'numeric name', 'x-empty': undefined, ['__proto__']: 'ignored' },
      requestBody: recording('token=abc&y=2'),
      response: { status: 204, headers: [], body: null },
    },
    {
      ...base,
      agent: `agent ${long}`,
      route: `r\t${long}`,
      durationMs: Number.NaN,
      url: `/${long}?q=${'é'.repeat(80)}`,
      requestHeaders: { 'x-long': long, 'x-long-unicode': `${long}\u00ff`, 'x-surrogate': 'a\ud800b', 'x-pair': '😀', 'x-controls': '\b\f\n\r\t\u001f\u007f' },
      requestBody: recording(Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255])),
      response: { status: 200, headers: ['content-type', 'application/json'], body: recording('{"card": not json') },
      error: 'line\nbreak "quoted" \\',
    },
    { ...base, durationMs: -0, startedAt: 1.5, response: { status: 0, headers: {}, body: EMPTY_BODY } },
  ];
}

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
