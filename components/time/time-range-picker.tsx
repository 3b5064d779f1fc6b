'use client';
// Reusable time range picker: relative presets plus free `from`/`to` expressions (now-30m, epoch ms, ISO).
// Controlled: the page owns the range (in its URL) and receives changes through onChange.
import { useState } from 'react';
import { describeTimeRange, isValidTimeRange, RELATIVE_PRESETS, type TimeRange } from '@/lib/domain/time/time-range';

export function TimeRangePicker({ value, onChange }: { value: TimeRange; onChange: (range: TimeRange) => void }) {
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  const draft = { from: from.trim(), to: to.trim() };
  const valid = isValidTimeRange(draft);

  function apply(range: TimeRange) {
    onChange(range);
    setOpen(false);
  }

  return (
    <div className="time-range-picker">
      <button
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="time-range-button"
        onClick={() => {
          setFrom(value.from);
          setTo(value.to);
          setOpen(!open);
        }}
      >
        {describeTimeRange(value, Date.now())}
      </button>
      {open && (
        <div className="time-range-popover" role="dialog" aria-label="Time range">
          <ul>
            {RELATIVE_PRESETS.map((p) => (
              <li key={p.from}>
                <button type="button" onClick={() => apply({ from: p.from, to: 'now' })}>
                  {p.label}
                </button>
              </li>
            ))}
          </ul>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (valid) apply(draft);
            }}
          >
            <label>
              From <input value={from} onChange={(e) => setFrom(e.target.value)} aria-label="From" />
            </label>
            <label>
              To <input value={to} onChange={(e) => setTo(e.target.value)} aria-label="To" />
            </label>
            {!valid && <p className="error-text">Use now, now-15m, epoch milliseconds or ISO 8601; from must be before to.</p>}
            <button type="submit" disabled={!valid}>
              Apply
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
