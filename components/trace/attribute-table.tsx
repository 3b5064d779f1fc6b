'use client';
// Key/value attributes as text (values are untrusted), filterable, each copyable; long values truncated with
// "show all" (copy always copies the whole value).
import { useState } from 'react';
import type { TextAttribute } from '@/lib/domain/waterfall/span-detail';
import { TruncatedText } from '../text/truncated-text';

export function AttributeTable({ title, attributes, testId }: { title: string; attributes: TextAttribute[]; testId?: string }) {
  const [filter, setFilter] = useState('');
  const q = filter.toLowerCase();
  const shown = q ? attributes.filter(([k, v]) => k.toLowerCase().includes(q) || v.toLowerCase().includes(q)) : attributes;
  return (
    <section className="detail-section" data-testid={testId}>
      <h3>
        {title} <span className="muted">({attributes.length})</span>
      </h3>
      {attributes.length > 6 ? <input type="search" placeholder="Filter attributes" aria-label={`Filter ${title}`} value={filter} onChange={(e) => setFilter(e.target.value)} /> : null}
      <table className="attribute-table">
        <tbody>
          {shown.map(([key, value]) => (
            <tr key={key}>
              <th scope="row" className="mono">
                {key}
              </th>
              <td className="mono">
                <TruncatedText text={value} />
              </td>
              <td>
                <button type="button" className="link-button" aria-label={`Copy ${key}`} onClick={() => void navigator.clipboard?.writeText(value)}>
                  copy
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
