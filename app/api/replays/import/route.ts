// POST /api/replays/import — imports a HAR 1.2 file (application/json) or the replay middleware's JSON lines
// (application/x-ndjson, or text/plain); requests are scrubbed like captures before they are stored
// (responder). 201 {id, format, requests}. Optional ?scrubHeaders=a,b&scrubParams=token add to the scrub list.
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { parseHar, parseJsonLines } from '@/lib/server/replay/parse-import';
import { storeImport } from '@/lib/server/replay/replay-imports';
import { replayScrubRules, scrubRequest } from '@/lib/server/replay/scrub-request';

export const dynamic = 'force-dynamic';

const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

export const POST = guarded('responder', async (request, _context, { principal, tenant }) => {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_IMPORT_BYTES) throw new AppError('payload_too_large', `imports are limited to ${MAX_IMPORT_BYTES} bytes`);
  const params = new URL(request.url).searchParams;
  const list = (name: string) =>
    (params.get(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const text = await request.text();
  let format: 'har' | 'jsonl';
  let imported;
  if (type.startsWith('application/json')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new AppError('bad_request', 'body must be a HAR file (JSON); send JSON lines as application/x-ndjson');
    }
    format = 'har';
    imported = await parseHar(data);
  } else if (type.startsWith('application/x-ndjson') || type.startsWith('application/jsonl') || type.startsWith('text/plain')) {
    format = 'jsonl';
    imported = parseJsonLines(text);
  } else {
    throw new AppError('unsupported_media_type', 'send a HAR file as application/json or JSON lines as application/x-ndjson');
  }
  const rules = replayScrubRules({ headers: list('scrubHeaders'), queryParams: list('scrubParams'), jsonPaths: list('scrubJsonPaths') });
  const scrubbed = imported.map((r) => ({ ...r, request: scrubRequest(r.request, rules) }));
  const db = await getDatabase();
  const stored = await storeImport(db.pool, tenant(), format, scrubbed, principal.name);
  await recordAudit(db.pool, { actor: principal, action: 'replay.import', target: stored.id, tenant: tenant(), details: { format, requests: scrubbed.length } });
  return Response.json({ id: stored.id, format, requests: stored.requests }, { status: 201 });
});
