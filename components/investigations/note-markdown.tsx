'use client';
// A note's Markdown, rendered by react-markdown WITHOUT rehype-raw: HTML in a note is shown as text, never
// parsed, and react-markdown's default urlTransform drops javascript: and other unsafe link targets. Links to
// traces (/traces/{id}[?span=…]) show the trace's summary next to the link text.
import Link from 'next/link';
import Markdown, { type Components } from 'react-markdown';
import { parseTraceHref } from '@/lib/domain/investigations/trace-links';
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import { formatDurationNs } from '@/lib/domain/time/format-duration';

export function TraceSummaryChip({ summary }: { summary: TraceSummary | undefined }) {
  if (!summary)
    return (
      <span className="chip muted" data-testid="trace-summary-chip">
        unknown trace
      </span>
    );
  return (
    <span className="chip" data-testid="trace-summary-chip">
      {summary.rootService ?? '?'} {summary.rootName ?? ''} · {formatDurationNs(summary.durationNs)} · {summary.spanCount} spans
      {summary.errorCount > 0 ? <span className="error-text"> · {summary.errorCount} errors</span> : null}
    </span>
  );
}

export function NoteMarkdown({ body, traces }: { body: string; traces: Record<string, TraceSummary> }) {
  const components: Components = {
    a({ href, children }) {
      const link = href ? parseTraceHref(href) : null;
      if (!link)
        return (
          <a href={href} rel="noopener noreferrer nofollow" target="_blank">
            {children}
          </a>
        );
      const to = `/traces/${link.traceId}${link.spanId ? `?span=${link.spanId}&details=1` : ''}`;
      return (
        <>
          <Link href={to}>{children}</Link> <TraceSummaryChip summary={traces[link.traceId]} />
        </>
      );
    },
    img({ alt }) {
      // No remote images in notes: they would load from anywhere (tracking) and the CSP refuses them anyway.
      return <span className="muted">[image: {alt}]</span>;
    },
  };
  return (
    <div className="note-markdown" data-testid="note-markdown">
      <Markdown components={components}>{body}</Markdown>
    </div>
  );
}
