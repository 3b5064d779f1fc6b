// /loki/api/v1/tail (issue 20 item 9) over a real WebSocket (the `ws` client) against the running app:
// history then live lines in Loki's TailResponse shape, late arrivals, tenants, auth, parameter errors and the
// cap on open tails.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface TailMessage {
  streams: { stream: Record<string, string>; values: [string, string][] }[];
  dropped_entries?: unknown[];
}

let db: TestDatabase;
let app: AppServer;
const MAX_TAILS = 2;

beforeAll(async () => {
  db = await createTestDatabase('th_pro_tail');
  app = await startAppServer({ DATABASE_URL: db.url, TAIL_POLL_MS: '200', TAIL_MAX_CONNECTIONS: String(MAX_TAILS) });
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const ns = (msAgo: number) => `${Date.now() - msAgo}000000`;

async function push(app_: string, values: [string, string][], headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(`${app.url}/loki/api/v1/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ streams: [{ stream: { app: app_ }, values }] }),
  });
  expect(res.status, await res.text()).toBe(204);
}

/** A tail client collecting every message; `lines()` flattens them in arrival order. */
function openTail(query: string, extra: Record<string, string> = {}, headers: Record<string, string> = { authorization: `Bearer ${app.adminToken}` }) {
  const params = new URLSearchParams({ query, ...extra });
  const ws = new WebSocket(`ws://127.0.0.1:${app.port}/loki/api/v1/tail?${params}`, { headers });
  const messages: TailMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as TailMessage));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const lines = () => messages.flatMap((m) => m.streams.flatMap((s) => s.values.map((v) => v[1])));
  async function waitFor(count: number): Promise<string[]> {
    for (let i = 0; i < 100 && lines().length < count; i++) await new Promise((r) => setTimeout(r, 100));
    return lines();
  }
  const close = () =>
    new Promise<void>((resolve) => {
      if (ws.readyState === WebSocket.CLOSED) return resolve();
      ws.once('close', () => resolve());
      ws.close();
    });
  return { ws, messages, opened, lines, waitFor, close };
}

/** The HTTP status of a refused upgrade, and its JSON error message. */
function refusal(query: string, extra: Record<string, string>, headers: Record<string, string>): Promise<{ status: number; message: string }> {
  const params = new URLSearchParams({ query, ...extra });
  const ws = new WebSocket(`ws://127.0.0.1:${app.port}/loki/api/v1/tail?${params}`, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => reject(new Error('the upgrade was accepted')));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, message: (JSON.parse(body) as { error: { message: string } }).error.message }));
    });
  });
}

describe('live tail', () => {
  it('sends the newest `limit` lines since start, then new lines once each, in Loki TailResponse shape', async () => {
    await push('tail-a', [
      [ns(3000), 'h1'],
      [ns(2000), 'h2'],
      [ns(1000), 'h3'],
    ]);
    const tail = openTail('{app="tail-a"}', { limit: '2', start: ns(60_000) });
    await tail.opened;
    expect(await tail.waitFor(2)).toEqual(['h2', 'h3']);
    expect(tail.messages[0]!.streams[0]!.stream).toEqual({ app: 'tail-a' });
    expect(tail.messages[0]!.streams[0]!.values[0]![0]).toMatch(/^\d{19}$/);
    await push('tail-a', [[ns(0), 'live-1']]);
    await push('tail-a', [[ns(0), 'live-2']]);
    // A line that arrives late (its timestamp 1.5 s old, behind the live lines) is still sent. It stays newer
    // than the history's oldest line (h2, 2 s before the first push): the tail never goes below that floor.
    await push('tail-a', [[ns(1500), 'late']]);
    await push('tail-b', [[ns(0), 'other stream']]);
    const lines = await tail.waitFor(5);
    await new Promise((r) => setTimeout(r, 600));
    expect(tail.lines()).toEqual(lines);
    expect(lines.slice(0, 2)).toEqual(['h2', 'h3']);
    expect([...lines.slice(2)].sort()).toEqual(['late', 'live-1', 'live-2']);
    expect(tail.messages.every((m) => Array.isArray(m.streams))).toBe(true);
    await tail.close();
  });

  it('applies the LogQL pipeline and delay_for', async () => {
    const tail = openTail('{app="tail-c"} |= "keep"', { delay_for: '1' });
    await tail.opened;
    await push('tail-c', [
      [ns(0), 'keep me'],
      [ns(0), 'drop me'],
    ]);
    expect(await tail.waitFor(1)).toEqual(['keep me']);
    await tail.close();
  });

  it('reads only the tenant asked for', async () => {
    await push('tail-t', [[ns(500), 'in team-a']], { 'x-scope-orgid': 'team-a' });
    await push('tail-t', [[ns(500), 'in default']]);
    const tail = openTail('{app="tail-t"}', {}, { authorization: `Bearer ${app.adminToken}`, 'x-scope-orgid': 'team-a' });
    await tail.opened;
    expect(await tail.waitFor(1)).toEqual(['in team-a']);
    await new Promise((r) => setTimeout(r, 500));
    expect(tail.lines()).toEqual(['in team-a']);
    await tail.close();
  });

  it('refuses before the handshake: no credential, a cross-site page, bad parameters', async () => {
    expect(await refusal('{app="x"}', {}, {})).toMatchObject({ status: 401 });
    expect(await refusal('{app="x"}', {}, { origin: 'https://evil.example' })).toMatchObject({ status: 403, message: expect.stringMatching(/Cross-site WebSocket/) });
    const auth = { authorization: `Bearer ${app.adminToken}` };
    expect(await refusal('{app="x"}', { delay_for: '9' }, auth)).toEqual({ status: 400, message: "delay_for can't be greater than 5" });
    expect(await refusal('sum(rate({app="x"}[1m]))', {}, auth)).toMatchObject({ status: 400 });
    expect(await refusal('{app="x"}', { limit: 'many' }, auth)).toMatchObject({ status: 400, message: expect.stringMatching(/^limit:/) });
    expect(await refusal('{app="x"}', {}, { authorization: 'Bearer not-a-token' })).toMatchObject({ status: 401 });
  });

  it(`caps open tails at TAIL_MAX_CONNECTIONS (${MAX_TAILS}) and frees a slot when a tail closes`, async () => {
    const tails = [openTail('{app="cap"}'), openTail('{app="cap"}')];
    await Promise.all(tails.map((t) => t.opened));
    const third = await refusal('{app="cap"}', {}, { authorization: `Bearer ${app.adminToken}` });
    expect(third.status).toBe(429);
    expect(third.message).toMatch(/TAIL_MAX_CONNECTIONS/);
    await tails[0]!.close();
    let again: ReturnType<typeof openTail> | undefined;
    for (let i = 0; i < 20 && !again; i++) {
      const t = openTail('{app="cap"}');
      try {
        await t.opened;
        again = t;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(again).toBeDefined();
    await again!.close();
    await tails[1]!.close();
  });
});
