// Capture records from the shapes the route hands over (raw response header lists, shared empty bodies, chunks
// kept by reference) and the cached ISO start time.
import { describe, expect, it } from 'vitest';
import { captureRules as rules, observedExchanges as exchanges } from '@/test/support/observed-exchanges';
import { captureRecord, isoTime } from './exchange-capture';

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
