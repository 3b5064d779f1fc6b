// GET /api/audit?action=&actor=&outcome=&from=&to=&before=&limit= — the audit trail, newest first (admin only).
// ?format=jsonl exports the matching entries as JSON lines (up to 100,000; page with `before`).
import { guarded } from '@/lib/server/auth/guarded';
import { MAX_AUDIT_EXPORT, MAX_AUDIT_PAGE, parseAuditFilter, queryAudit } from '@/lib/server/audit/query-audit';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';

export const dynamic = 'force-dynamic';

export const GET = guarded('admin', async (request) => {
  const params = new URL(request.url).searchParams;
  const format = params.get('format');
  if (format !== null && format !== 'json' && format !== 'jsonl') throw new AppError('bad_request', 'format must be json or jsonl.', { details: { field: 'format' } });
  const exporting = format === 'jsonl';
  const filter = parseAuditFilter(params, exporting ? MAX_AUDIT_EXPORT : MAX_AUDIT_PAGE);
  if (exporting && !params.get('limit')) filter.limit = MAX_AUDIT_EXPORT;
  const entries = await queryAudit((await getDatabase()).pool, filter);
  if (!exporting) return Response.json({ entries });
  return new Response(entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : ''), {
    headers: { 'content-type': 'application/x-ndjson', 'content-disposition': 'attachment; filename="tracehound-audit.jsonl"' },
  });
});
