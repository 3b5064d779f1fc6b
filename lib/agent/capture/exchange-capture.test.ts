// Capture records from the shapes the route hands over (raw response header lists, shared empty bodies, chunks
// kept by reference) and the cached ISO start time.
import { describe, expect, it } from 'vitest';
import { BodyRecording, EMPTY_BODY } from './body-recording';
import { captureRecord, isoTime, type ObservedExchange } from './exchange-capture';
import { scrubRules } from './scrub';

const rules = scrubRules({ headers: ['X-Session'], queryParams: ['token'], jsonPaths: ['$.card.number'] });

function recording(text: string, cap = 65_536, owned = false): BodyRecording {
  const r = new BodyRecording(cap, owned);
  for (let i = 0; i < text.length; i += 7) r.record(Buffer.from(text.slice(i, i + 7)));
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
    response: { status: 200, headers: ['Content-Type', 'application/json', 'Set-Cookie', 'a=1', 'set-cookie', 'b=2', 'X-Thing', 'é "q" \\ \u0001'], body: recording('{"ok":true}', 65_536, true) },
    error: null,
  };
  return [
    base,
    { ...base, response: null, error: 'upstream http://x failed: ECONNREFUSED', durationMs: 12 },
    {
      ...base,
      id: 'c-3',
      shadowOf: 'c-2',
      trace: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', parentSpanId: '' },
      faultId: 'f-0123',
      startedAt: Date.UTC(2026, 10, 29, 6, 48, 13, 999),
      method: 'POST',
      url: '/pay?token=abc&x="1"',
      requestHeaders: { Authorization: 'Bearer s3cret', 'X-Session': 'S', cookie: 'k=v', Accept: 'json' },
      requestBody: recording(JSON.stringify({ card: { number: '4111', cvc: 1 }, note: 'ünïcode \u2028' })),
      response: { status: 502, headers: { 'content-type': 'application/json', 'set-cookie': ['a', 'b'], 'x-session': ['1', '2'] }, body: recording('{"card":{"number":"1"}}', 10) },
    },
    {
      ...base,
      trace: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', parentSpanId: 'aaaaaaaaaaaaaaaa' },
      requestHeaders: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'x', '123': 'numeric name', 'x-empty': undefined },
      requestBody: recording('token=abc&y=2'),
      response: { status: 204, headers: [], body: null },
    },
  ];
}

describe('captureRecord', () => {
  it('builds the same record from raw response headers as from their record, and scrubs both sides', () => {
    const [first, , third] = exchanges();
    const asRecord = { ...first!, response: { ...first!.response!, headers: { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'], 'x-thing': 'é "q" \\ \u0001' } } };
    expect(captureRecord(first!, rules)).toEqual(captureRecord(asRecord, rules));
    const record = captureRecord(third!, rules);
    expect(record.request.headers.authorization).toMatch(/^REDACTED-/);
    expect(record.request.headers['x-session']).toMatch(/^REDACTED-/);
    expect(record.request.url).toMatch(/^\/pay\?token=REDACTED-/);
    expect(record.response!.bodyWithheld).toMatch(/cut off/);
    expect(record.startedAt).toBe(new Date(third!.startedAt).toISOString());
  });
});

describe('isoTime', () => {
  it('equals toISOString across seconds, years and odd inputs', () => {
    const times = [0, 1, 999, 1000, -1, -1000, -1001, Date.UTC(2026, 10, 29, 6, 48, 12, 7), Date.UTC(2026, 10, 29, 6, 48, 12, 70), Date.UTC(2026, 10, 29, 6, 48, 13, 999), 253402300800000, 1.5, -0.5];
    for (const t of [...times, ...times.reverse()]) expect(isoTime(t)).toBe(new Date(t).toISOString());
    const now = Date.now();
    for (let t = now; t < now + 3000; t += 37) expect(isoTime(t)).toBe(new Date(t).toISOString());
  });
});
