'use client';
// The TraceQL query box with completion (lib/domain/traceql/completion.ts): field names, operators, values of
// the field being compared and connectors, from the stored spans via the Tempo tag APIs. Keyboard: Down/Up
// move through the list, Tab takes the highlighted (or first) suggestion, Enter takes one only once the user
// has moved into the list (so Enter on a finished query still searches), Esc closes it, Ctrl+Space reopens it.
// Suggestions are untrusted text from span attributes: rendered as React text, never as HTML.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { tagNamesQuery, tagValuesQuery, type TagWindowArgs } from '@/lib/client/tag-api';
import { applySuggestion, completeTraceQL, type CompletionSources, type Suggestion } from '@/lib/domain/traceql/completion';

/** Fields whose values the tag values API can list (attribute paths and these intrinsics). */
const VALUE_INTRINSICS = new Set(['name', 'status', 'kind', 'rootName', 'rootServiceName']);

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** The search window the names and values are sampled from; null while the range is invalid. */
  window: TagWindowArgs | null;
  placeholder?: string;
}

export function TraceQLEditor({ value, onChange, window, placeholder }: Props) {
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  // Cursor offset while the list is open; null when closed.
  const [cursor, setCursor] = useState<number | null>(null);
  const [active, setActive] = useState(-1);
  const [moveTo, setMoveTo] = useState<number | null>(null);
  const open = cursor !== null && window !== null;

  const names = useQuery({ ...tagNamesQuery(window ?? { startS: '0', endS: '1' }), enabled: open });
  const base = useMemo<CompletionSources>(
    () => ({ intrinsics: names.data?.intrinsics ?? [], spanTags: names.data?.span ?? [], resourceTags: names.data?.resource ?? [], valuesOf: () => undefined }),
    [names.data],
  );
  const probe = useMemo(() => (open && cursor !== null ? completeTraceQL(value, cursor, base) : null), [open, value, cursor, base]);
  const field = probe?.kind === 'value' && probe.field && (probe.field.includes('.') || VALUE_INTRINSICS.has(probe.field)) ? probe.field : null;
  const values = useQuery({ ...tagValuesQuery(field ?? '', window ?? { startS: '0', endS: '1' }), enabled: open && field !== null });
  const completion = useMemo(
    () => (field && values.data && cursor !== null ? completeTraceQL(value, cursor, { ...base, valuesOf: (f) => (f === field ? values.data : undefined) }) : probe),
    [field, values.data, cursor, value, base, probe],
  );
  const suggestions = completion?.suggestions ?? [];
  const shown = open && suggestions.length > 0;

  // Put the caret after an accepted suggestion once React has written the new text.
  useEffect(() => {
    if (moveTo === null) return;
    inputRef.current?.setSelectionRange(moveTo, moveTo);
    setMoveTo(null);
  }, [moveTo, value]);

  const track = (text: string, at: number | null) => {
    setCursor(at);
    setActive(-1);
    if (text !== value) onChange(text);
  };
  const accept = (s: Suggestion) => {
    if (!completion || cursor === null) return;
    const next = applySuggestion(value, cursor, completion, s);
    track(next.text, next.cursor);
    setMoveTo(next.cursor);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      setCursor(e.currentTarget.selectionStart ?? value.length);
      return;
    }
    if (!shown) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      const n = suggestions.length;
      setActive((a) => (a < 0 ? (step > 0 ? 0 : n - 1) : (a + step + n) % n));
    } else if (e.key === 'Tab' || (e.key === 'Enter' && active >= 0)) {
      e.preventDefault();
      accept(suggestions[Math.max(active, 0)]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setCursor(null);
    }
  };

  return (
    <div className="traceql-editor">
      <input
        ref={inputRef}
        className="query-input mono"
        aria-label="TraceQL query"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        value={value}
        onChange={(e) => track(e.target.value, e.target.selectionStart)}
        onClick={(e) => setCursor(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => setCursor(null)}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
      />
      {shown ? (
        <ul className="traceql-suggestions" role="listbox" id={listId} data-testid="traceql-suggestions">
          {suggestions.map((s, k) => (
            <li
              key={`${s.detail}:${s.label}`}
              id={`${listId}-${k}`}
              role="option"
              aria-selected={k === active}
              className={k === active ? 'active' : undefined}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                accept(s);
              }}
            >
              <span className="mono">{s.label}</span> <span className="muted">{s.detail}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
