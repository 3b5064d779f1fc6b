'use client';
// The common-case search form; "Build query" writes TraceQL into the query box (and runs it).
import { useState } from 'react';
import { buildQuery, EMPTY_FORM, type QueryForm as Form } from '@/lib/domain/traceql/build-query';

export function QueryForm({ onQuery }: { onQuery: (query: string) => void }) {
  const [form, setForm] = useState<Form>(EMPTY_FORM);
  const [error, setError] = useState<string | null>(null);
  const set = (field: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  return (
    <form
      className="query-form"
      aria-label="Search form"
      onSubmit={(e) => {
        e.preventDefault();
        const result = buildQuery(form);
        if (!result.ok) return setError(`${result.field}: ${result.message}`);
        setError(null);
        onQuery(result.query);
      }}
    >
      <label>
        Service <input value={form.service} onChange={set('service')} placeholder="payment" />
      </label>
      <label>
        Operation <input value={form.operation} onChange={set('operation')} placeholder="GET /checkout" />
      </label>
      <label>
        Attributes <textarea rows={1} value={form.attributes} onChange={set('attributes')} placeholder="http.status_code=500" />
      </label>
      <label>
        Min duration <input value={form.minDuration} onChange={set('minDuration')} placeholder="100ms" size={7} />
      </label>
      <label>
        Max duration <input value={form.maxDuration} onChange={set('maxDuration')} placeholder="2s" size={7} />
      </label>
      <label>
        Status
        <select value={form.status} onChange={set('status')}>
          <option value="">any</option>
          <option value="error">error</option>
          <option value="ok">ok</option>
          <option value="unset">unset</option>
        </select>
      </label>
      <button type="submit">Build query</button>
      {error && <span className="error-text">{error}</span>}
    </form>
  );
}
