'use client';
// The navigation bar's "open a trace by id" box.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { traceIdFromInput } from '@/lib/domain/model/trace-id-input';

export function TraceIdLookup() {
  const router = useRouter();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      className="trace-id-lookup"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const id = traceIdFromInput(text);
        setInvalid(id === null);
        if (id) router.push(`/traces/${id}`);
      }}
    >
      <input
        className="mono"
        aria-label="Trace ID"
        aria-invalid={invalid}
        title={invalid ? 'A trace id is 32 (or 16) hex characters' : undefined}
        placeholder="Trace ID"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setInvalid(false);
        }}
        spellCheck={false}
      />
    </form>
  );
}
