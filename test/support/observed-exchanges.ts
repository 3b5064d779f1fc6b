// Capture fixtures shared by the agent's capture tests (exchange-capture.test.ts, capture-json.test.ts): the
// scrub rules and the observed exchanges both encode and compare.
import { BodyRecording, EMPTY_BODY } from '@/lib/agent/capture/body-recording';
import type { ObservedExchange } from '@/lib/agent/capture/exchange-capture';
import { scrubRules } from '@/lib/agent/capture/scrub';

export const captureRules = scrubRules({ headers: ['X-Session'], queryParams: ['token'], jsonPaths: ['$.card.number'] });

/** A body recorded in 7-byte chunks; `owned` chunks are kept by reference (BodyRecording's fast path). */
export function recording(text: string | Buffer, cap = 65_536, owned = false): BodyRecording {
  const r = new BodyRecording(cap, owned);
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  for (let i = 0; i < bytes.length; i += 7) r.record(bytes.subarray(i, i + 7));
  return r;
}

/**
 * Observed exchanges covering escapes, non-ASCII text, lone surrogates, redaction (headers, query, JSON and form
 * bodies), header names in mixed case and repeated, raw header lists and records, and every body state.
 */
export function observedExchanges(): ObservedExchange[] {
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
