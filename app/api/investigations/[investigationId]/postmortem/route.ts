// GET /api/investigations/{id}/postmortem?format=md|html|json — the postmortem: the latest saved version, or
// the draft generated from the investigation while none is saved. md and html are downloads with secrets
// redacted (html: one self-contained file with waterfall figures as SVG); json gives the editor
// {draft, latest} (viewer). POST {markdown} — saves a new version (responder; audited), 201.
import { PostmortemSave } from '@/lib/domain/investigations/investigation-input';
import { guarded } from '@/lib/server/auth/guarded';
import { clientIp } from '@/lib/server/auth/client-ip';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { parseJsonBody } from '@/lib/server/http/parse-json-body';
import { getInvestigation } from '@/lib/server/investigations/get-investigation';
import { investigationIdOrNotFound } from '@/lib/server/investigations/investigation-row';
import { exportPostmortem, postmortemState } from '@/lib/server/investigations/postmortem-export';
import { savePostmortem } from '@/lib/server/investigations/postmortem-versions';

export const dynamic = 'force-dynamic';

type Params = { investigationId: string };

const TYPES = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8' } as const;

export const GET = guarded<Params>('viewer', async (request, context, { tenant }) => {
  const id = investigationIdOrNotFound((await context.params).investigationId);
  const format = new URL(request.url).searchParams.get('format') ?? 'md';
  if (format !== 'md' && format !== 'html' && format !== 'json') throw new AppError('bad_request', 'format: must be md, html or json', { details: { field: 'format' } });
  const db = (await getDatabase()).pool;
  const origin = getConfig().TRACEHOUND_URL?.replace(/\/$/, '') ?? new URL(request.url).origin;
  if (format === 'json') return Response.json(await postmortemState(db, tenant(), id, origin));
  const { body, filename } = await exportPostmortem(db, tenant(), id, origin, format);
  return new Response(body, {
    headers: {
      'content-type': TYPES[format],
      'content-disposition': `attachment; filename="${filename}"`,
      // Its Content-Security-Policy (no scripts, nothing remote) is set in next.config.ts.
    },
  });
});

export const POST = guarded<Params>('responder', async (request, context, { principal, tenant }) => {
  const id = investigationIdOrNotFound((await context.params).investigationId);
  const { markdown } = await parseJsonBody(request, PostmortemSave);
  const db = (await getDatabase()).pool;
  await getInvestigation(db, tenant(), id);
  const saved = await savePostmortem(db, id, principal, markdown);
  await recordAudit(db, { actor: principal, action: 'postmortem.save', target: id, tenant: tenant(), ip: clientIp(request), details: { version: saved.version } });
  return Response.json(saved, { status: 201 });
});
