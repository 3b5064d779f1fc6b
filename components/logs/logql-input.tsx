'use client';
// The LogQL box: Enter (or Run) submits; previously run queries are offered from history.
import { useEffect, useState } from 'react';
import { readLogqlHistory } from '@/lib/client/logs/logql-history';

export function LogqlInput({ initial, onRun }: { initial: string; onRun: (query: string) => void }) {
  const [text, setText] = useState(initial);
  const [history, setHistory] = useState<string[]>([]);
  useEffect(() => setHistory(readLogqlHistory()), [initial]);
  useEffect(() => setText(initial), [initial]);

  return (
    <form
      className="logql-input"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) onRun(text.trim());
      }}
    >
      <input
        aria-label="LogQL query"
        className="mono"
        list="logql-history"
        placeholder='{app="api"} |= "error" | json | duration_ms > 1000'
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
      />
      <datalist id="logql-history">
        {history.map((q) => (
          <option key={q} value={q} />
        ))}
      </datalist>
      <button type="submit">Run query</button>
    </form>
  );
}
