'use client';
// Untrusted text (attribute values, log lines, labels) shown truncated: the first TRUNCATE_AT characters,
// then how much is hidden and a "show all" button. A 1 MB value used to freeze the span details panel for
// over a minute (layout of one enormous text run in a table cell); now only the prefix is laid out until the
// reader asks, and the full text goes into a scrolling, wrapping block. Text only, never markup.
import { useState, type ReactNode } from 'react';

export const TRUNCATE_AT = 500;

function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function TruncatedText({ text, limit = TRUNCATE_AT, render }: { text: string; limit?: number; render?: (text: string) => ReactNode }) {
  const [all, setAll] = useState(false);
  const show = render ?? ((t: string) => t);
  if (text.length <= limit) return <>{show(text)}</>;
  if (all) {
    return (
      <span className="truncated-text">
        <span className="full-text" data-testid="full-text">
          {show(text)}
        </span>
        <button type="button" className="link-button" onClick={() => setAll(false)}>
          show less
        </button>
      </span>
    );
  }
  // Never split a surrogate pair.
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
  return (
    <span className="truncated-text">
      {show(text.slice(0, cut))}
      <span className="muted" data-testid="truncation-note">
        … {count(text.length - cut)} more characters
      </span>{' '}
      <button type="button" className="link-button" onClick={() => setAll(true)} aria-label={`Show all ${count(text.length)} characters`}>
        show all
      </button>
    </span>
  );
}
