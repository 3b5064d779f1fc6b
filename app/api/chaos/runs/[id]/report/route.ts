// GET /api/chaos/runs/{id}/report?format=md|json — the run as a downloadable report (viewer): Markdown with
// the verdict, indicators, findings, operations and trace links, or the full run result as JSON.
import { runReportMarkdown } from '@/lib/domain/chaos/run-report';
import { guarded } from '@/lib/server/auth/guarded';
import { runResult } from '@/lib/server/chaos/run-result';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ id: string }>('viewer', async (request, context, { tenant }) => {
  const { id } = await context.params;
  const format = new URL(request.url).searchParams.get('format') ?? 'md';
  if (format !== 'md' && format !== 'json') throw new AppError('bad_request', 'format: must be md or json', { details: { field: 'format' } });
  const run = await runResult((await getDatabase()).pool, id, tenant());
  const disposition = `attachment; filename="chaos-run-${run.id}.${format}"`;
  if (format === 'json') return new Response(JSON.stringify(run, null, 2), { headers: { 'content-type': 'application/json', 'content-disposition': disposition } });
  // Links in a downloaded report must work outside this request: the public URL when set, else this origin.
  const origin = (getConfig().TRACEHOUND_URL ?? new URL(request.url).origin).replace(/\/+$/, '');
  return new Response(
    runReportMarkdown(run, (traceId) => `${origin}/traces/${traceId}`),
    { headers: { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': disposition } },
  );
});
