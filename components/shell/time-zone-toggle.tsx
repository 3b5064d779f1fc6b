'use client';
// UTC or local time for every time shown in the app; the choice is kept in this browser.
import { setTimeZone, useTimeZone } from '@/lib/client/time/time-zone-preference';
import type { TimeZoneChoice } from '@/lib/domain/time/time-zone';

export function TimeZoneToggle() {
  const zone = useTimeZone();
  return (
    <select className="time-zone-toggle" aria-label="Time zone" value={zone} onChange={(e) => setTimeZone(e.target.value as TimeZoneChoice)}>
      <option value="utc">UTC</option>
      <option value="local">Local time</option>
    </select>
  );
}
