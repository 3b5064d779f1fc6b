'use client';
// Find in trace: a query box (debounced into the URL), match count, next/previous and the "only matches"
// filter that hides subtrees without a match.
import { useEffect, useState, type RefObject } from 'react';

export interface FindBarProps {
  inputRef: RefObject<HTMLInputElement | null>;
  query: string;
  onlyMatches: boolean;
  matchCount: number | null;
  /** True while attribute matches are still being looked for (the count may grow). */
  searching?: boolean;
  current: number;
  onQuery(query: string): void;
  onOnlyMatches(value: boolean): void;
  onStep(delta: 1 | -1): void;
}

export function FindBar({ inputRef, ...props }: FindBarProps) {
  const [text, setText] = useState(props.query);
  const { onQuery, query } = props;
  useEffect(() => setText(query), [query]);
  useEffect(() => {
    if (text === query) return;
    const timer = setTimeout(() => onQuery(text), 200);
    return () => clearTimeout(timer);
  }, [text, query, onQuery]);
  return (
    <div className="find-bar" role="search">
      <input
        ref={inputRef}
        type="search"
        placeholder="Find in trace ( / )"
        aria-label="Find in trace"
        data-testid="find-input"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            if (text !== query) onQuery(text);
            else props.onStep(event.shiftKey ? -1 : 1);
          }
        }}
      />
      <span className="muted" data-testid="find-count">
        {props.matchCount === null ? '' : props.matchCount === 0 ? (props.searching ? '' : 'no matches') : `${props.current + 1} / ${props.matchCount}`}
      </span>
      {props.searching ? (
        <span className="muted" data-testid="find-searching" aria-live="polite">
          searching attributes…
        </span>
      ) : null}
      <button type="button" onClick={() => props.onStep(-1)} disabled={!props.matchCount} aria-label="Previous match">
        ↑
      </button>
      <button type="button" onClick={() => props.onStep(1)} disabled={!props.matchCount} aria-label="Next match">
        ↓
      </button>
      <label>
        <input type="checkbox" checked={props.onlyMatches} onChange={(event) => props.onOnlyMatches(event.target.checked)} data-testid="only-matches" /> only matches
      </label>
    </div>
  );
}
