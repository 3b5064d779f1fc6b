'use client';
// Time range control: presets (relative, re-resolved on refresh) or a custom absolute range typed as
// RFC 3339. Emits TimeRange values; the caller puts them in the URL.
import { useState } from 'react';
import { parseInstant } from '@/lib/domain/time/parse-instant';
import { formatUnixNano } from '@/lib/domain/time/format-duration';
import { RANGE_PRESETS, type TimeRange } from '@/lib/domain/time/ns-time-range';

const CUSTOM = 'custom';

export function TimeRangeSelect({ range, onChange }: { range: TimeRange; onChange: (range: TimeRange) => void }) {
  const preset = range.to === 'now' ? RANGE_PRESETS.find((p) => p.from === range.from) : undefined;
  const [editing, setEditing] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);

  const describe = (text: string) => (/^\d+$/.test(text) ? formatUnixNano(text) : text);

  const apply = () => {
    const f = parseInstant(from);
    const t = parseInstant(to);
    if (f === null || t === null) return setError('use RFC 3339, e.g. 2026-11-24T21:00:00Z');
    if (f >= t) return setError('from must be before to');
    setError(null);
    setEditing(false);
    onChange({ from: f.toString(), to: t.toString() });
  };

  return (
    <div className="time-range" data-testid="time-range">
      <select
        aria-label="Time range"
        value={editing ? CUSTOM : (preset?.from ?? CUSTOM)}
        onChange={(e) => {
          if (e.target.value === CUSTOM) {
            setFrom(/^\d+$/.test(range.from) ? formatUnixNano(range.from) : '');
            setTo(/^\d+$/.test(range.to) ? formatUnixNano(range.to) : '');
            setEditing(true);
          } else {
            setEditing(false);
            onChange({ from: e.target.value, to: 'now' });
          }
        }}
      >
        {RANGE_PRESETS.map((p) => (
          <option key={p.from} value={p.from}>
            {p.label}
          </option>
        ))}
        <option value={CUSTOM}>{preset || editing ? 'Custom…' : `${describe(range.from)} → ${describe(range.to)}`}</option>
      </select>
      {editing && (
        <span className="time-range-custom">
          <input aria-label="From" placeholder="from (RFC 3339)" value={from} onChange={(e) => setFrom(e.target.value)} />
          <input aria-label="To" placeholder="to (RFC 3339)" value={to} onChange={(e) => setTo(e.target.value)} />
          <button type="button" onClick={apply}>
            Apply
          </button>
          {error && <span className="error-text">{error}</span>}
        </span>
      )}
    </div>
  );
}
