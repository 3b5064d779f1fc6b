// The investigations API over real HTTP against the built app on real PostgreSQL: roles, tenants, pinning with
// snapshots (capped, and surviving retention), notes and their audit trail, filters and polling.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusCode } from '@/lib/domain/model/span';
import { runRetention } from '@/lib/server/db/retention';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { makeSpan } from '@/test/support/make-span';
import { otlpJsonFromSpans } from '@/test/support/otlp-json-from-spans';

const SNAPSHOT_CAP = 5;
const TRACE = 'a1'.repeat(16);
const OLD_TRACE = 'b2'.repeat(16);
const OTHER_TENANT_TRACE = 'c3'.repeat(16);
const spanIdOf = (i: number) => (i + 1).toString(16).padStart(16, '0');

let db: TestDatabase;
let app: AppServer;
let client: pg.Client;
const tok: Record<string, string> = {};

async function mintToken(name: string, role: string, tenant: string | null = null): Promise<string> {
  const res = await app.fetch(`${app.url}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, role, tenant }) });
  expect(res.status).toBe(201);
  return (await res.json()).token;
}

function call(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes are read field by field in the assertions, where a wrong field fails the expect
async function json<T = Record<string, any>>(res: Promise<Response>, status: number): Promise<T> {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body as T;
}

/** A 12-span trace: root → 11 children; child 7 is an error. */
async function sendTrace(traceId: string, tenant: string, startNs: bigint): Promise<void> {
  const spans = Array.from({ length: 12 }, (_, i) =>
    makeSpan({
      traceId,
      spanId: spanIdOf(i),
      parentSpanId: i === 0 ? null : spanIdOf(0),
      name: i === 0 ? 'GET /checkout' : `step-${i}`,
      serviceName: i === 0 ? 'gateway' : 'payment',
      startTimeUnixNano: startNs + BigInt(i) * 1_000_000n,
      endTimeUnixNano: startNs + BigInt(i) * 1_000_000n + 500_000n,
      statusCode: i === 7 ? StatusCode.ERROR : StatusCode.UNSET,
    }),
  );
  const res = await fetch(`${app.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-scope-orgid': tenant }, body: otlpJsonFromSpans(spans) });
  expect(res.status).toBe(200);
}

async function audit(action: string): Promise<Array<{ actor_name: string; target: string; details: Record<string, unknown> }>> {
  const { rows } = await client.query(`SELECT actor_name, target, details FROM audit_log WHERE action = $1 ORDER BY id`, [action]);
  return rows;
}

beforeAll(async () => {
  db = await createTestDatabase('th_inv_api');
  app = await startAppServer({ DATABASE_URL: db.url, INVESTIGATION_SNAPSHOT_MAX_SPANS: String(SNAPSHOT_CAP) });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  tok.viewer = await mintToken('viewer', 'viewer');
  tok.alice = await mintToken('alice', 'responder');
  tok.bob = await mintToken('bob', 'responder');
  tok.teamB = await mintToken('team-b-responder', 'responder', 'team-b');
  const now = BigInt(Date.now()) * 1_000_000n;
  await sendTrace(TRACE, 'default', now - 60_000_000_000n);
  await sendTrace(OLD_TRACE, 'default', now - 3n * 86_400_000_000_000n);
  await sendTrace(OTHER_TENANT_TRACE, 'team-b', now - 60_000_000_000n);
  const push = await fetch(`${app.url}/loki/api/v1/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      streams: [
        {
          stream: { app: 'payment' },
          values: [
            [(now - 30_000_000_000n).toString(), `payment timeout trace_id=${TRACE}`],
            [(now - 20_000_000_000n).toString(), 'payment ok'],
          ],
        },
      ],
    }),
  });
  expect(push.status).toBe(204);
});

afterAll(async () => {
  await client?.end();
  await app?.stop();
  await db?.drop();
});

describe('investigations', () => {
  let id: string;

  it('a responder creates one; a viewer reads it but cannot create or edit', async () => {
    const created = await json(call(tok.alice!, 'POST', '/api/investigations', { title: 'Checkout 500s', severity: 'sev2', services: ['payment'] }), 201);
    id = created.id;
    expect(created).toMatchObject({ title: 'Checkout 500s', severity: 'sev2', status: 'investigating', owner: 'alice', createdBy: 'alice', services: ['payment'], itemCount: 0 });
    const read = await json(call(tok.viewer!, 'GET', `/api/investigations/${id}`), 200);
    expect(read).toMatchObject({ id, title: 'Checkout 500s', items: [] });
    expect((await call(tok.viewer!, 'POST', '/api/investigations', { title: 'x' })).status).toBe(403);
    expect((await call(tok.viewer!, 'PATCH', `/api/investigations/${id}`, { status: 'resolved' })).status).toBe(403);
    expect((await audit('investigation.create')).map((a) => [a.actor_name, a.target])).toEqual([['alice', id]]);
  });

  it('bad input is a 400 naming the field, and stores nothing', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /^title:/],
      [{ title: 'x', severity: 'critical' }, /^severity:/],
      [{ title: 'x', windowStartUnixNano: '20', windowEndUnixNano: '10' }, /^windowStartUnixNano:/],
      [{ title: 'x', windowStartUnixNano: '99999999999999999999' }, /^windowStartUnixNano:/],
      [{ title: 'x'.repeat(201) }, /^title:/],
    ];
    for (const [body, message] of cases) {
      const res = await json(call(tok.alice!, 'POST', '/api/investigations', body), 400);
      expect(res.error.message).toMatch(message);
    }
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM investigations`);
    expect(rows[0].n).toBe(1);
    expect((await call(tok.alice!, 'GET', '/api/investigations/not-a-uuid')).status).toBe(404);
    expect((await call(tok.alice!, 'GET', '/api/investigations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await json(call(tok.alice!, 'GET', '/api/investigations?status=done'), 400)).error.message).toMatch(/^status:/);
  });

  it('updates the named fields only, and audits what changed', async () => {
    const after = await json(call(tok.bob!, 'PATCH', `/api/investigations/${id}`, { status: 'mitigated', owner: 'bob' }), 200);
    expect(after).toMatchObject({ status: 'mitigated', owner: 'bob', severity: 'sev2', title: 'Checkout 500s' });
    const [entry] = await audit('investigation.update');
    expect(entry!.details).toEqual({ changed: { status: { from: 'investigating', to: 'mitigated' }, owner: { from: 'alice', to: 'bob' } } });
  });

  it('pins a trace, a span, a finding, a log query and a note, each with author and time', async () => {
    const view = { span: spanIdOf(3), mode: 'raw', cp: '1' };
    const trace = await json(call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'trace', traceId: TRACE.toUpperCase(), view }), 201);
    expect(trace).toMatchObject({ kind: 'trace', ref: TRACE, traceId: TRACE, author: 'alice', payload: { view, summary: { traceId: TRACE, spanCount: 12, errorCount: 1, rootService: 'gateway' } } });
    const span = await json(call(tok.bob!, 'POST', `/api/investigations/${id}/items`, { kind: 'span', traceId: TRACE, spanId: spanIdOf(11) }), 201);
    expect(span).toMatchObject({ kind: 'span', ref: `${TRACE}/${spanIdOf(11)}`, author: 'bob', payload: { spanId: spanIdOf(11), span: { name: 'step-11', service: 'payment' } } });
    const finding = { type: 'root-cause-error', title: 'step-7 failed first', spanIds: [spanIdOf(7)] };
    await json(call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'finding', traceId: TRACE, finding }), 201);
    await json(call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'log-query', query: '{service_name="payment"} |= "timeout"', from: '1000', to: '2000' }), 201);
    await json(call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'note', body: `Started at [the checkout](/traces/${TRACE}?span=${spanIdOf(7)}) <script>alert(1)</script>` }), 201);

    const detail = await json(call(tok.viewer!, 'GET', `/api/investigations/${id}`), 200);
    expect(detail.items.map((i: { kind: string }) => i.kind)).toEqual(['trace', 'span', 'finding', 'log-query', 'note']);
    for (const item of detail.items) expect(Date.parse(item.createdAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(detail.traces[TRACE]).toMatchObject({ spanCount: 12, rootName: 'GET /checkout' });
    // The snapshot is capped and keeps every pinned span (3 is only in view state, not pinned).
    expect(detail.snapshots).toEqual([expect.objectContaining({ traceId: TRACE, spanCount: SNAPSHOT_CAP, totalSpanCount: 12 })]);
    const snapshot = await json(call(tok.viewer!, 'GET', `/api/investigations/${id}/snapshots/${TRACE}`), 200);
    const kept = snapshot.spans.map((s: { spanId: string }) => s.spanId);
    expect(kept).toHaveLength(SNAPSHOT_CAP);
    expect(kept).toEqual(expect.arrayContaining([spanIdOf(0), spanIdOf(7), spanIdOf(11)]));
    expect((await audit('investigation.item.add')).map((a) => a.details.kind)).toEqual(['trace', 'span', 'finding', 'log-query', 'note']);

    const timeline = await json(call(tok.viewer!, 'GET', `/api/investigations/${id}/timeline`), 200);
    const kinds = timeline.entries.map((e: { item: { kind: string } }) => e.item.kind);
    expect(kinds.slice(0, 4)).toEqual(['log-query', 'trace', 'finding', 'span']); // by evidence time: 1000 ns, then the trace's spans
  });

  it('pinning a log query keeps its first lines, and refuses a query that does not parse', async () => {
    const now = BigInt(Date.now()) * 1_000_000n;
    const item = await json(
      call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'log-query', query: '{app="payment"} |= "timeout"', from: (now - 120_000_000_000n).toString(), to: now.toString() }),
      201,
    );
    expect(item.payload.excerpt.map((l: { line: string }) => l.line)).toEqual([`payment timeout trace_id=${TRACE}`]);
    const bad = await json(call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'log-query', query: '{app=', from: '1', to: '2' }), 400);
    expect(bad.error.message).toMatch(/expected|position|unexpected/i);
    // Take it off the timeline again (admin), so the later checks see the five items pinned above.
    expect((await app.fetch(`${app.url}/api/investigations/${id}/items/${item.id}`, { method: 'DELETE' })).status).toBe(200);
  });

  it('refuses evidence that is not there: unknown trace, span outside the trace, finding spans outside the trace', async () => {
    expect((await call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'trace', traceId: 'f'.repeat(32) })).status).toBe(404);
    expect((await call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'span', traceId: TRACE, spanId: 'e'.repeat(16) })).status).toBe(404);
    const bad = await json(call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'finding', traceId: TRACE, finding: { type: 'x', title: 'y', spanIds: ['e'.repeat(16)] } }), 400);
    expect(bad.error.message).toMatch(/^finding\.spanIds:/);
    expect((await json(call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'poem', body: 'x' }), 400)).error.message).toMatch(/^kind:/);
    expect((await json(call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'log-query', query: 'x', from: '5', to: '1' }), 400)).error.message).toMatch(/^from:/);
  });

  it('polls for items added after a known one', async () => {
    const detail = await json(call(tok.viewer!, 'GET', `/api/investigations/${id}`), 200);
    const last = detail.items.at(-1).id;
    expect((await json(call(tok.viewer!, 'GET', `/api/investigations/${id}/items?after=${last}`), 200)).items).toEqual([]);
    await json(call(tok.bob!, 'POST', `/api/investigations/${id}/items`, { kind: 'note', body: 'bob was here' }), 201);
    const newer = await json(call(tok.viewer!, 'GET', `/api/investigations/${id}/items?after=${last}`), 200);
    expect(newer.items.map((i: { payload: { body: string } }) => i.payload.body)).toEqual(['bob was here']);
  });

  it("editing someone else's note is audited as such; evidence cannot be edited; deletion is admin-only and soft", async () => {
    const detail = await json(call(tok.viewer!, 'GET', `/api/investigations/${id}`), 200);
    const aliceNote = detail.items.find((i: { kind: string; author: string }) => i.kind === 'note' && i.author === 'alice');
    const edited = await json(call(tok.bob!, 'PATCH', `/api/investigations/${id}/items/${aliceNote.id}`, { body: 'rewritten by bob' }), 200);
    expect(edited).toMatchObject({ author: 'alice', editedBy: 'bob', payload: { body: 'rewritten by bob' } });
    await json(call(tok.alice!, 'PATCH', `/api/investigations/${id}/items/${aliceNote.id}`, { body: 'alice again' }), 200);
    expect((await audit('investigation.note.edit')).map((a) => [a.actor_name, a.details.othersNote])).toEqual([
      ['bob', true],
      ['alice', false],
    ]);
    const traceItem = detail.items.find((i: { kind: string }) => i.kind === 'trace');
    expect((await call(tok.alice!, 'PATCH', `/api/investigations/${id}/items/${traceItem.id}`, { body: 'x' })).status).toBe(409);
    expect((await call(tok.alice!, 'DELETE', `/api/investigations/${id}/items/${aliceNote.id}`)).status).toBe(403);
    expect((await app.fetch(`${app.url}/api/investigations/${id}/items/${aliceNote.id}`, { method: 'DELETE' })).status).toBe(200);
    const afterDelete = await json(call(tok.viewer!, 'GET', `/api/investigations/${id}`), 200);
    expect(afterDelete.items.map((i: { id: string }) => i.id)).not.toContain(aliceNote.id);
    const { rows } = await client.query(`SELECT deleted_at IS NOT NULL AS deleted FROM investigation_items WHERE id = $1`, [aliceNote.id]);
    expect(rows).toEqual([{ deleted: true }]);
  });

  it('lists with filters', async () => {
    const other = await json(call(tok.alice!, 'POST', '/api/investigations', { title: 'Inventory latency', severity: 'sev4', services: ['inventory'] }), 201);
    const titles = async (query: string) => (await json(call(tok.viewer!, 'GET', `/api/investigations${query}`), 200)).investigations.map((i: { title: string }) => i.title);
    expect(await titles('')).toEqual(['Inventory latency', 'Checkout 500s']);
    expect(await titles('?status=mitigated')).toEqual(['Checkout 500s']);
    expect(await titles('?severity=sev4')).toEqual(['Inventory latency']);
    expect(await titles('?service=payment')).toEqual(['Checkout 500s']);
    expect(await titles('?q=LATENCY')).toEqual(['Inventory latency']);
    expect(await titles('?q=%25')).toEqual([]); // a plain substring, not a LIKE pattern
    expect(await titles(`?traceId=${TRACE}`)).toEqual(['Checkout 500s']);
    expect((await call(tok.alice!, 'DELETE', `/api/investigations/${other.id}`)).status).toBe(403);
    expect((await app.fetch(`${app.url}/api/investigations/${other.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await titles('')).toEqual(['Checkout 500s']);
    expect((await call(tok.viewer!, 'GET', `/api/investigations/${other.id}`)).status).toBe(404);
  });

  it("keeps tenants apart: another tenant's investigations are invisible, and its traces cannot be pinned", async () => {
    expect((await json(call(tok.teamB!, 'GET', '/api/investigations'), 200)).investigations).toEqual([]);
    expect((await call(tok.teamB!, 'GET', `/api/investigations/${id}`)).status).toBe(404);
    expect((await call(tok.teamB!, 'POST', `/api/investigations/${id}/items`, { kind: 'note', body: 'x' })).status).toBe(404);
    expect((await call(tok.teamB!, 'PATCH', `/api/investigations/${id}`, { title: 'mine' })).status).toBe(404);
    expect((await call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'trace', traceId: OTHER_TENANT_TRACE })).status).toBe(404);
    const theirs = await json(call(tok.teamB!, 'POST', '/api/investigations', { title: 'B incident' }), 201);
    expect(theirs.tenant).toBe('team-b');
    await json(call(tok.teamB!, 'POST', `/api/investigations/${theirs.id}/items`, { kind: 'trace', traceId: OTHER_TENANT_TRACE }), 201);
    expect((await call(tok.viewer!, 'GET', `/api/investigations/${theirs.id}`)).status).toBe(404);
    expect((await json(call(tok.viewer!, 'GET', '/api/investigations'), 200)).investigations.map((i: { title: string }) => i.title)).toEqual(['Checkout 500s']);
  });

  it('a pinned trace still opens after retention dropped its partitions', async () => {
    await json(call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'span', traceId: OLD_TRACE, spanId: spanIdOf(7) }), 201);
    const result = await runRetention(client, 1);
    expect(result.droppedPartitions.length).toBeGreaterThan(0);
    expect((await app.fetch(`${app.url}/api/traces/${OLD_TRACE}`)).status).toBe(404);
    const detail = await json(call(tok.viewer!, 'GET', `/api/investigations/${id}`), 200);
    expect(detail.traces[OLD_TRACE]).toMatchObject({ spanCount: 12, rootName: 'GET /checkout' });
    const snapshot = await json(call(tok.viewer!, 'GET', `/api/investigations/${id}/snapshots/${OLD_TRACE}`), 200);
    expect(snapshot.spans.map((s: { spanId: string }) => s.spanId)).toContain(spanIdOf(7));
    // The trace page sends the reader to the pinned snapshot, which shows the pinned span.
    const tracePage = await fetch(`${app.url}/traces/${OLD_TRACE}`, { headers: { authorization: `Bearer ${tok.viewer}` }, redirect: 'manual' });
    expect(tracePage.status).toBe(307);
    expect(tracePage.headers.get('location')).toBe(`/investigations/${id}/traces/${OLD_TRACE}`);
    const pinnedPage = await fetch(`${app.url}/investigations/${id}/traces/${OLD_TRACE}`, { headers: { authorization: `Bearer ${tok.viewer}` } });
    expect(pinnedPage.status).toBe(200);
    const pinnedHtml = await pinnedPage.text();
    expect(pinnedHtml).toContain(`data-span-id="${spanIdOf(7)}"`);
    expect(pinnedHtml).toContain('no longer stored');
    expect((await fetch(`${app.url}/traces/${OLD_TRACE}`, { headers: { authorization: `Bearer ${tok.teamB}` }, redirect: 'manual' })).status).toBe(404);
    // Pinning it again (a finding on the same span) works from the snapshot.
    await json(call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'finding', traceId: OLD_TRACE, finding: { type: 'root-cause-error', title: 'old', spanIds: [spanIdOf(7)] } }), 201);
  });

  it('writes the postmortem from the investigation, versions it, and exports Markdown and HTML with secrets redacted', async () => {
    await json(
      call(tok.alice!, 'POST', `/api/investigations/${id}/items`, { kind: 'note', body: 'Leaked: password=hunter2 and REDACTED-9f8e7d and Bearer abcdefghijkl <img src=x onerror=alert(1)>' }),
      201,
    );
    const state = await json(call(tok.viewer!, 'GET', `/api/investigations/${id}/postmortem?format=json`), 200);
    expect(state.latest).toBeNull();
    expect([...state.draft.matchAll(/^## (.+)$/gm)].map((m: RegExpMatchArray) => m[1])).toEqual([
      'Summary',
      'Impact',
      'Timeline',
      'Root cause',
      'Contributing factors',
      'What went well',
      'Action items',
    ]);
    const rootCause = state.draft.split('## Root cause')[1].split('## Contributing')[0];
    expect(rootCause).toContain('root-cause-error');
    expect(rootCause).toContain(`/traces/${TRACE}?span=${spanIdOf(7)}`);

    const md = await fetch(`${app.url}/api/investigations/${id}/postmortem?format=md`, { headers: { authorization: `Bearer ${tok.viewer}` } });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(md.headers.get('content-disposition')).toMatch(/^attachment; filename="postmortem-checkout-500s\.md"$/);
    const mdText = await md.text();
    for (const secret of ['hunter2', 'REDACTED-9f8e7d', 'abcdefghijkl']) expect(mdText).not.toContain(secret);

    const html = await fetch(`${app.url}/api/investigations/${id}/postmortem?format=html`, { headers: { authorization: `Bearer ${tok.viewer}` } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await html.text();
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<svg');
    expect(page).toContain(`data-span-id="${spanIdOf(7)}"`);
    expect(page).not.toMatch(/<img|<script/i);
    expect(page).toContain('&#x3C;img src=x onerror=alert(1)>'); // the note's HTML, as text
    for (const secret of ['hunter2', 'REDACTED-9f8e7d', 'abcdefghijkl']) expect(page).not.toContain(secret);

    expect((await call(tok.viewer!, 'POST', `/api/investigations/${id}/postmortem`, { markdown: '# x' })).status).toBe(403);
    expect((await json(call(tok.alice!, 'POST', `/api/investigations/${id}/postmortem`, { markdown: '# Postmortem v1' }), 201)).version).toBe(1);
    expect((await json(call(tok.bob!, 'POST', `/api/investigations/${id}/postmortem`, { markdown: '# Postmortem v2 token=zzzsecret' }), 201)).version).toBe(2);
    const saved = await (await fetch(`${app.url}/api/investigations/${id}/postmortem?format=md`, { headers: { authorization: `Bearer ${tok.viewer}` } })).text();
    expect(saved).toBe('# Postmortem v2 token=[redacted]');
    expect((await audit('postmortem.save')).map((a) => [a.actor_name, a.details.version])).toEqual([
      ['alice', 1],
      ['bob', 2],
    ]);
    expect((await json(call(tok.viewer!, 'GET', `/api/investigations/${id}/postmortem?format=pdf`), 400)).error.message).toMatch(/^format:/);
  });
});
