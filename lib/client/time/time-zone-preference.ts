// The user's choice of UTC or local time, stored in this browser (localStorage) and shared by every view
// through useSyncExternalStore: changing it re-renders axes and time columns at once, also in other tabs.
import { useCallback, useSyncExternalStore } from 'react';
import { TIME_ZONE_CHOICES, formatUnixNanoIn, type TimeZoneChoice } from '@/lib/domain/time/time-zone';

const KEY = 'tracehound.timezone';
const EVENT = 'tracehound:timezone';

function read(): TimeZoneChoice {
  try {
    const stored = window.localStorage.getItem(KEY);
    return (TIME_ZONE_CHOICES as readonly string[]).includes(stored ?? '') ? (stored as TimeZoneChoice) : 'utc';
  } catch {
    return 'utc';
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

/** UTC on the server and before hydration, so server HTML and the first client render agree. */
export function useTimeZone(): TimeZoneChoice {
  return useSyncExternalStore(subscribe, read, () => 'utc');
}

export function setTimeZone(zone: TimeZoneChoice): void {
  try {
    window.localStorage.setItem(KEY, zone);
  } catch {
    // Storage refused (private mode): the choice then lasts until the event's listeners re-read it.
  }
  window.dispatchEvent(new Event(EVENT));
}

/** A formatter of unix-ns strings in the chosen zone. */
export function useFormatUnixNano(): (ns: string) => string {
  const zone = useTimeZone();
  return useCallback((ns: string) => formatUnixNanoIn(ns, zone), [zone]);
}
