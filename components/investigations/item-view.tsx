'use client';
// One timeline entry: what was pinned, shown as text with links back to where it came from (the trace page
// with the exact permalink state, the logs page with the query and range), plus author and time.
import Link from 'next/link';
import type { InvestigationItem } from '@/lib/domain/investigations/investigation';
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import { logsHref } from '@/lib/client/logs/logs-search-params';
import { searchHref } from '@/lib/client/search-url-state';
import { formatUnixNano } from '@/lib/domain/time/format-duration';
import { NoteMarkdown, TraceSummaryChip } from './note-markdown';

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function traceHref(traceId: string, view: unknown): string {
  const params = new URLSearchParams(view && typeof view === 'object' ? Object.entries(view as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string') : []);
  return `/traces/${traceId}${params.size ? `?${params}` : ''}`;
}

/** Pinned ranges are unix ns; the pages' URLs take epoch ms. */
function msOf(ns: unknown, fallback: string): string {
  return typeof ns === 'string' && /^\d+$/.test(ns) ? (BigInt(ns) / 1_000_000n).toString() : fallback;
}

export function ItemBody({ item, traces, investigationId, snapshotted }: { item: InvestigationItem; traces: Record<string, TraceSummary>; investigationId: string; snapshotted: boolean }) {
  const p = item.payload;
  const traceId = item.traceId;
  const snapshotLink =
    traceId && snapshotted ? (
      <Link href={`/investigations/${investigationId}/traces/${traceId}`} className="muted">
        (pinned snapshot)
      </Link>
    ) : null;
  switch (item.kind) {
    case 'trace':
      return (
        <span>
          <Link href={traceHref(traceId!, p.view)}>Trace {traceId!.slice(0, 12)}</Link> <TraceSummaryChip summary={traces[traceId!]} /> {snapshotLink}
        </span>
      );
    case 'span': {
      const span = (p.span ?? {}) as Record<string, unknown>;
      return (
        <span>
          <Link href={traceHref(traceId!, { ...(p.view as object), details: '1' })}>
            Span {str(span.service)} {str(span.name)}
          </Link>{' '}
          in <TraceSummaryChip summary={traces[traceId!]} /> {snapshotLink}
        </span>
      );
    }
    case 'finding': {
      const finding = (p.finding ?? {}) as Record<string, unknown>;
      const spanIds = Array.isArray(finding.spanIds) ? (finding.spanIds as string[]) : [];
      return (
        <span>
          <span className="badge">{str(finding.type)}</span> {str(finding.title)}{' '}
          <Link href={traceHref(traceId!, { ...(p.view as object), ...(spanIds[0] ? { span: spanIds[0], details: '1' } : {}) })}>in trace {traceId!.slice(0, 12)}</Link> {snapshotLink}
        </span>
      );
    }
    case 'log-query':
      return (
        <span>
          Logs{' '}
          <Link href={logsHref({ query: str(p.query), range: { from: msOf(p.from, 'now-1h'), to: msOf(p.to, 'now') } })}>
            <code>{str(p.query)}</code>
          </Link>{' '}
          from {formatUnixNano(str(p.from))} to {formatUnixNano(str(p.to))}
          {Array.isArray(p.excerpt) ? <span className="muted"> · {p.excerpt.length} lines kept</span> : null}
        </span>
      );
    case 'search-query':
      return (
        <span>
          Search{' '}
          <Link href={searchHref({ q: str(p.query), range: { from: msOf(p.from, 'now-1h'), to: msOf(p.to, 'now') } })}>
            <code>{str(p.query)}</code>
          </Link>
        </span>
      );
    case 'service':
      return (
        <span>
          Service <Link href="/services">{str(p.service)}</Link>
        </span>
      );
    case 'comparison':
      return (
        <span>
          Comparison of{' '}
          {(Array.isArray(p.traceIds) ? (p.traceIds as string[]) : []).map((t) => (
            <Link key={t} href={`/traces/${t}`}>
              {t.slice(0, 12)}{' '}
            </Link>
          ))}
        </span>
      );
    case 'replay-run':
    case 'chaos-run':
      return (
        <span>
          {item.kind === 'replay-run' ? 'Replay run' : 'Chaos run'} <code>{item.ref}</code>
        </span>
      );
    case 'note':
      return <NoteMarkdown body={str(p.body)} traces={traces} />;
  }
}

export function ItemMeta({ item }: { item: InvestigationItem }) {
  return (
    <span className="item-meta muted">
      <span data-testid="item-author">{item.author}</span> · <time dateTime={item.createdAt}>{new Date(item.createdAt).toLocaleString()}</time>
      {item.occurredUnixNano ? <> · evidence at {formatUnixNano(item.occurredUnixNano)}</> : null}
      {item.editedAt ? <> · edited by {item.editedBy}</> : null}
    </span>
  );
}
