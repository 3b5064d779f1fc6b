'use client';
// The query builder: drop-downs of the services, operations, attribute names and values stored in the search
// window (Tempo tag APIs, lib/client/tag-api.ts), status and duration bounds, plus free key=value lines.
// "Build query" writes TraceQL into the query box (and runs it). Names and values are untrusted span data:
// they are option text and option values, never markup.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { tagNamesQuery, tagValuesQuery, type TagWindowArgs } from '@/lib/client/tag-api';
import { buildQuery, EMPTY_FORM, type QueryForm as Form } from '@/lib/domain/traceql/build-query';
import type { CompletionValue } from '@/lib/domain/traceql/completion';

const NO_WINDOW: TagWindowArgs = { startS: '0', endS: '1' };

export function QueryForm({ onQuery, window }: { onQuery: (query: string) => void; window: TagWindowArgs | null }) {
  const [form, setForm] = useState<Form>(EMPTY_FORM);
  const [error, setError] = useState<string | null>(null);
  const enabled = window !== null;
  const w = window ?? NO_WINDOW;
  const services = useQuery({ ...tagValuesQuery('resource.service.name', w), enabled });
  const operations = useQuery({ ...tagValuesQuery('name', w), enabled });
  const names = useQuery({ ...tagNamesQuery(w), enabled });
  const values = useQuery({ ...tagValuesQuery(form.attributeKey, w), enabled: enabled && form.attributeKey !== '' });
  const set = (field: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const attributeNames = [...(names.data?.resource ?? []).map((n) => `resource.${n}`), ...(names.data?.span ?? []).map((n) => `span.${n}`)];
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
      <StoredValueSelect label="Service" value={form.service} values={services.data} onChange={set('service')} />
      <StoredValueSelect label="Operation" value={form.operation} values={operations.data} onChange={set('operation')} />
      <label>
        Attribute
        <select value={form.attributeKey} onChange={(e) => setForm({ ...form, attributeKey: e.target.value, attributeValue: '', attributeType: 'string' })}>
          <option value="">none</option>
          {attributeNames.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label>
        Value
        <select
          value={form.attributeValue}
          disabled={form.attributeKey === ''}
          onChange={(e) => {
            const picked = (values.data ?? []).find((v) => v.value === e.target.value);
            setForm({ ...form, attributeValue: e.target.value, attributeType: picked?.type ?? 'string' });
          }}
        >
          <option value="">any</option>
          {(values.data ?? []).map((v) => (
            <option key={`${v.type}:${v.value}`} value={v.value}>
              {v.value}
            </option>
          ))}
        </select>
      </label>
      <label>
        More attributes <textarea rows={1} value={form.attributes} onChange={set('attributes')} placeholder="http.status_code=500" />
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

function StoredValueSelect({ label, value, values, onChange }: { label: string; value: string; values: readonly CompletionValue[] | undefined; onChange: (e: { target: { value: string } }) => void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={onChange}>
        <option value="">any</option>
        {(values ?? []).map((v) => (
          <option key={v.value} value={v.value}>
            {v.value}
          </option>
        ))}
      </select>
    </label>
  );
}
