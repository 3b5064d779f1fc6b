// Go/Prometheus duration literals ("1h30m", "1.5ms", "250us") → seconds. Null when not a duration.
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const PART = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h|d|w)/gy;

export function parseDurationSeconds(text: string): number | null {
  if (text === '') return null;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = PART.exec(text)) !== null) {
    total += Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number);
    consumed = PART.lastIndex;
  }
  return consumed === text.length ? total : null;
}
