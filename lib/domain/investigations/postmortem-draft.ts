// The postmortem's first draft, written from an investigation in the usual structure (summary, impact,
// timeline, root cause, contributing factors, what went well, action items). The timeline comes from the
// pinned items' own times, the root cause from pinned findings (root-cause-error first), and every claim
// links to its evidence with absolute URLs (`origin`), so an exported file still points home. User-written
// and ingested text is Markdown-escaped so it cannot turn into links or markup; secrets are redacted at export.
import type { InvestigationDetail, InvestigationItem } from './investigation';
import { buildTimeline } from './timeline';
import { formatDurationNs, formatUnixNano } from '../time/format-duration';

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

const FINDING_ORDER = ['root-cause-error', 'timeout-cascade', 'error-propagation', 'retry-storm', 'wait-for-cycle', 'service-cycle'];

function rec(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
const str = (value: unknown) => (typeof value === 'string' ? value : '');

export function postmortemDraft(inv: InvestigationDetail, origin: string): string {
  const itemLink = (item: InvestigationItem) => `${origin}/investigations/${inv.id}#item-${item.id}`;
  const traceLink = (traceId: string, spanId?: string) => `${origin}/traces/${traceId}${spanId ? `?span=${spanId}&details=1` : ''}`;
  const describe = (item: InvestigationItem): string => {
    const p = item.payload;
    switch (item.kind) {
      case 'trace': {
        const s = inv.traces[item.traceId!];
        return `Trace [${escapeMarkdown(`${s?.rootService ?? '?'} ${s?.rootName ?? ''}`.trim())}](${traceLink(item.traceId!)})${s ? ` — ${s.spanCount} spans, ${s.errorCount} errors, ${formatDurationNs(s.durationNs)}` : ''}`;
      }
      case 'span': {
        const span = rec(p.span);
        const status = span.statusCode === 2 ? ` failed${str(span.statusMessage) ? `: ${escapeMarkdown(str(span.statusMessage))}` : ''}` : '';
        return `Span [${escapeMarkdown(`${str(span.service)} ${str(span.name)}`)}](${traceLink(item.traceId!, str(p.spanId))})${status}`;
      }
      case 'finding': {
        const f = rec(p.finding);
        return `Finding **${escapeMarkdown(str(f.type))}**: ${escapeMarkdown(str(f.title))} ([trace](${traceLink(item.traceId!, (f.spanIds as string[] | undefined)?.[0])}))`;
      }
      case 'log-query':
        return `Logs \`${str(p.query).replace(/`/g, "'")}\` from ${formatUnixNano(str(p.from) || '0')} to ${formatUnixNano(str(p.to) || '0')}`;
      case 'search-query':
        return `Search \`${str(p.query).replace(/`/g, "'")}\``;
      case 'service':
        return `Service ${escapeMarkdown(str(p.service))}`;
      case 'comparison':
        return `Comparison of ${(Array.isArray(p.traceIds) ? (p.traceIds as string[]) : []).map((t) => `[${t.slice(0, 12)}](${traceLink(t)})`).join(', ')}`;
      case 'replay-run':
      case 'chaos-run':
        return `${item.kind === 'replay-run' ? 'Replay' : 'Chaos'} run ${escapeMarkdown(item.ref ?? '')}`;
      case 'note':
        return `Note: ${escapeMarkdown(str(p.body).slice(0, 300))}${str(p.body).length > 300 ? '…' : ''}`;
    }
  };

  const findings = inv.items.filter((i) => i.kind === 'finding').sort((a, b) => rank(str(rec(a.payload.finding).type)) - rank(str(rec(b.payload.finding).type)));
  const failedSpans = inv.items.filter((i) => i.kind === 'span' && rec(i.payload.span).statusCode === 2);
  const logs = inv.items.filter((i) => i.kind === 'log-query');
  const traces = Object.values(inv.traces);
  const window =
    inv.windowStartUnixNano || inv.windowEndUnixNano
      ? `${inv.windowStartUnixNano ? formatUnixNano(inv.windowStartUnixNano) : '?'} → ${inv.windowEndUnixNano ? formatUnixNano(inv.windowEndUnixNano) : '?'}`
      : 'not set';

  const lines: string[] = [
    `# Postmortem: ${escapeMarkdown(inv.title)}`,
    '',
    `Severity ${inv.severity} · status ${inv.status} · owner ${escapeMarkdown(inv.owner ?? 'unassigned')} · [investigation](${origin}/investigations/${inv.id})`,
    '',
    '## Summary',
    '',
    `_What happened, in two sentences._ The investigation holds ${inv.items.length} items about ${traces.length} trace${traces.length === 1 ? '' : 's'}.`,
    '',
    '## Impact',
    '',
    `- Window: ${window}`,
    `- Services: ${inv.services.length ? inv.services.map(escapeMarkdown).join(', ') : [...new Set(traces.flatMap((t) => t.services))].map(escapeMarkdown).join(', ') || 'not set'}`,
    ...traces.map(
      (t) =>
        `- [Trace ${t.traceId.slice(0, 12)}](${traceLink(t.traceId)}): ${escapeMarkdown(`${t.rootService ?? '?'} ${t.rootName ?? ''}`)} — ${t.errorCount} errors in ${t.spanCount} spans, ${formatDurationNs(t.durationNs)}`,
    ),
    '',
    '## Timeline',
    '',
    ...buildTimeline(inv.items).map(
      (e) => `- **${formatUnixNano(e.atUnixNano)}**${e.evidenceTime ? '' : ' (noted)'} — ${describe(e.item)} — ${escapeMarkdown(e.item.author)} ([evidence](${itemLink(e.item)}))`,
    ),
    '',
    '## Root cause',
    '',
    ...(findings.length
      ? findings.map((f) => {
          const finding = rec(f.payload.finding);
          const spans = (Array.isArray(finding.spanIds) ? (finding.spanIds as string[]) : []).slice(0, 10).map((s, k) => `[span ${k + 1}](${traceLink(f.traceId!, s)})`);
          return `- **${escapeMarkdown(str(finding.type))}**: ${escapeMarkdown(str(finding.title))}${spans.length ? ` — cascade: ${spans.join(' → ')}` : ''} ([evidence](${itemLink(f)}))`;
        })
      : ['_No finding pinned yet: pin the root-cause finding from the trace page._']),
    '',
    '## Contributing factors',
    '',
    ...failedSpans.map((s) => `- ${describe(s)} ([evidence](${itemLink(s)}))`),
    ...logs.map((l) => `- ${describe(l)} ([evidence](${itemLink(l)}))`),
    ...(failedSpans.length + logs.length === 0 ? ['- _…_'] : []),
    ...logs.flatMap((l) => logExcerptBlock(l)),
    '',
    '## What went well',
    '',
    '- _…_',
    '',
    '## Action items',
    '',
    ...findings.map((f) => `- [ ] Prevent ${escapeMarkdown(str(rec(f.payload.finding).type))}: ${escapeMarkdown(str(rec(f.payload.finding).title))} (owner: _…_)`),
    '- [ ] _…_',
    '',
  ];
  return lines.join('\n');
}

const EXCERPT_LINES_IN_DRAFT = 10;

/** The pinned log lines as a fenced block, fenced with more backticks than any line holds so no line can end it. */
function logExcerptBlock(item: InvestigationItem): string[] {
  const lines = Array.isArray(item.payload.excerpt) ? (item.payload.excerpt as Array<Record<string, unknown>>) : [];
  if (lines.length === 0) return [];
  const text = lines.slice(0, EXCERPT_LINES_IN_DRAFT).map((l) => `${formatUnixNano(str(l.timeUnixNano) || '0')} ${str(l.line).replace(/\r?\n/g, ' ')}`);
  const longestRun = Math.max(0, ...text.map((t) => Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length))));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [
    '',
    `Log excerpt, \`${str(item.payload.query).replace(/`/g, "'")}\` (${Math.min(lines.length, EXCERPT_LINES_IN_DRAFT)} of ${lines.length} pinned lines):`,
    '',
    `${fence}text`,
    ...text,
    fence,
  ];
}

function rank(type: string): number {
  const i = FINDING_ORDER.indexOf(type);
  return i < 0 ? FINDING_ORDER.length : i;
}
