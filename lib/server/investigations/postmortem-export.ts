import 'server-only';
// The postmortem of an investigation as exported: the latest saved version, or the generated draft while none
// is saved; secrets redacted in everything that leaves (text, title, figure labels). HTML adds a waterfall
// figure per pinned trace snapshot (at most MAX_FIGURES), its pinned spans highlighted.
import { postmortemDraft } from '@/lib/domain/investigations/postmortem-draft';
import { redactSecrets } from '@/lib/domain/investigations/redact-secrets';
import { waterfallSvg } from '@/lib/domain/investigations/waterfall-svg';
import type { Queryable } from '../db/queryable';
import { getInvestigationDetail } from './get-investigation-detail';
import { readSnapshot } from './pin-trace-snapshot';
import { latestPostmortem, type PostmortemVersion } from './postmortem-versions';
import { renderPostmortemHtml, type PostmortemFigure } from './render-postmortem-html';

const MAX_FIGURES = 10;

export interface PostmortemState {
  /** Generated from the investigation as it is now. */
  draft: string;
  latest: PostmortemVersion | null;
}

export async function postmortemState(db: Queryable, tenant: string, id: string, origin: string): Promise<PostmortemState> {
  const detail = await getInvestigationDetail(db, tenant, id);
  return { draft: postmortemDraft(detail, origin), latest: await latestPostmortem(db, id) };
}

export async function exportPostmortem(db: Queryable, tenant: string, id: string, origin: string, format: 'md' | 'html'): Promise<{ body: string; filename: string }> {
  const detail = await getInvestigationDetail(db, tenant, id);
  const latest = await latestPostmortem(db, id);
  const markdown = redactSecrets(latest?.markdown ?? postmortemDraft(detail, origin));
  const slug =
    detail.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'postmortem';
  if (format === 'md') return { body: markdown, filename: `postmortem-${slug}.md` };

  const figures: PostmortemFigure[] = [];
  for (const snapshot of detail.snapshots.slice(0, MAX_FIGURES)) {
    const trace = await readSnapshot(db, id, snapshot.traceId);
    if (!trace) continue;
    const highlight = new Set<string>();
    for (const item of detail.items) {
      if (item.traceId !== snapshot.traceId) continue;
      if (typeof item.payload.spanId === 'string') highlight.add(item.payload.spanId);
      const finding = item.payload.finding as { spanIds?: unknown } | undefined;
      if (Array.isArray(finding?.spanIds)) for (const s of finding.spanIds) if (typeof s === 'string') highlight.add(s);
    }
    const s = trace.summary;
    figures.push({
      caption: redactSecrets(
        `Trace ${trace.traceId} — ${s.rootService ?? '?'} ${s.rootName ?? ''}: ${s.spanCount} spans, ${s.errorCount} errors${snapshot.spanCount < snapshot.totalSpanCount ? ` (snapshot of ${snapshot.spanCount})` : ''}; pinned spans outlined.`,
      ),
      svg: waterfallSvg(trace, highlight),
    });
  }
  return { body: renderPostmortemHtml(redactSecrets(`Postmortem: ${detail.title}`), markdown, figures), filename: `postmortem-${slug}.html` };
}
