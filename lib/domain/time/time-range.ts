// Time ranges as the user states them (Grafana style): `from`/`to` are expressions — "now", "now-15m",
// "now-2d", or absolute epoch milliseconds — kept unresolved in the URL so "last hour" stays the last hour.
// Resolution to instants happens against an explicit `nowMs`. Milliseconds fit a JS number safely
// (they are < 2^53 for millions of years); nanoseconds for the API are produced as strings.
export interface TimeRange {
  from: string;
  to: string;
}

export const DEFAULT_TIME_RANGE: TimeRange = { from: 'now-1h', to: 'now' };

export const RELATIVE_PRESETS: readonly { label: string; from: string }[] = [
  { label: 'Last 5 minutes', from: 'now-5m' },
  { label: 'Last 15 minutes', from: 'now-15m' },
  { label: 'Last 1 hour', from: 'now-1h' },
  { label: 'Last 6 hours', from: 'now-6h' },
  { label: 'Last 24 hours', from: 'now-24h' },
  { label: 'Last 7 days', from: 'now-7d' },
];

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Epoch ms of a time expression, or null when it is not one. */
export function parseTimeExpression(expr: string, nowMs: number): number | null {
  const e = expr.trim();
  if (e === 'now') return nowMs;
  const rel = /^now-(\d{1,6})([smhdw])$/.exec(e);
  if (rel) return nowMs - Number(rel[1]) * (UNIT_MS[rel[2] as string] as number);
  if (/^\d{10,14}$/.test(e)) return Number(e);
  if (/^\d{4}-\d{2}-\d{2}/.test(e)) {
    const ms = Date.parse(e);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

export function isValidTimeRange(range: TimeRange): boolean {
  const now = Date.now();
  const a = parseTimeExpression(range.from, now);
  const b = parseTimeExpression(range.to, now);
  return a !== null && b !== null && a < b;
}

export function resolveTimeRange(range: TimeRange, nowMs: number): { startMs: number; endMs: number } {
  const startMs = parseTimeExpression(range.from, nowMs) ?? nowMs - 3_600_000;
  const endMs = parseTimeExpression(range.to, nowMs) ?? nowMs;
  return startMs < endMs ? { startMs, endMs } : { startMs: endMs - 3_600_000, endMs };
}

export function absoluteTimeRange(startMs: number, endMs: number): TimeRange {
  return { from: String(Math.floor(startMs)), to: String(Math.ceil(endMs)) };
}

export function msToUnixNanoString(ms: number): string {
  return `${Math.floor(ms)}000000`;
}

/** "Last 1 hour", or the absolute range in UTC. */
export function describeTimeRange(range: TimeRange, nowMs: number): string {
  if (range.to === 'now') {
    const preset = RELATIVE_PRESETS.find((p) => p.from === range.from);
    if (preset) return preset.label;
    if (range.from.startsWith('now-')) return `Last ${range.from.slice(4)}`;
  }
  const { startMs, endMs } = resolveTimeRange(range, nowMs);
  const fmt = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  return `${fmt(startMs)} → ${fmt(endMs)} UTC`;
}
