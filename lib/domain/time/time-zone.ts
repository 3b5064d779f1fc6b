// UTC or the browser's local time, as the user chose (lib/client/time/time-zone-preference.ts): formatting of
// instants and the label that says which one an axis or a column shows. Pure: the local offset is passed in
// (minutes east of UTC at that instant), so it is testable and right across a DST change.
export type TimeZoneChoice = 'utc' | 'local';

export const TIME_ZONE_CHOICES: readonly TimeZoneChoice[] = ['utc', 'local'];

export type OffsetOf = (ms: number) => number;

/** The runtime's local offset at an instant, minutes east of UTC. */
export const localOffsetMinutes: OffsetOf = (ms) => -new Date(ms).getTimezoneOffset();

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function shifted(ms: number, zone: TimeZoneChoice, offsetOf: OffsetOf): Date {
  return new Date(zone === 'utc' ? ms : ms + offsetOf(ms) * 60_000);
}

/** `YYYY-MM-DD HH:MM:SS.mmm` in the chosen zone. */
export function formatInstant(ms: number, zone: TimeZoneChoice, offsetOf: OffsetOf = localOffsetMinutes): string {
  const d = shifted(ms, zone, offsetOf);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** `HH:MM:SS` for axis ticks. */
export function formatClock(ms: number, zone: TimeZoneChoice, offsetOf: OffsetOf = localOffsetMinutes): string {
  return formatInstant(ms, zone, offsetOf).slice(11, 19);
}

/** A unix-ns decimal string in the chosen zone (non-numeric input is returned as it is). */
export function formatUnixNanoIn(ns: string, zone: TimeZoneChoice, offsetOf: OffsetOf = localOffsetMinutes): string {
  return /^\d+$/.test(ns) ? formatInstant(Number(BigInt(ns) / 1_000_000n), zone, offsetOf) : ns;
}

/** `UTC`, or the local offset at `ms` as `UTC+01:00`. */
export function zoneLabel(zone: TimeZoneChoice, ms: number, offsetOf: OffsetOf = localOffsetMinutes): string {
  if (zone === 'utc') return 'UTC';
  const offset = offsetOf(ms);
  const abs = Math.abs(offset);
  return `local, UTC${offset < 0 ? '−' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
