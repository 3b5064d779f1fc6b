// Jaeger's minDuration/maxDuration use Go's time.Duration syntax: "1.5s", "100ms", "1m30s", "250us", "µs".
// → nanoseconds, or null when malformed.
import { durationToNs } from '../traceql/parse-duration';

const SEGMENT = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/y;

export function parseJaegerDuration(text: string): bigint | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (trimmed === '0') return 0n;
  let total = 0n;
  SEGMENT.lastIndex = 0;
  let index = 0;
  while (index < trimmed.length) {
    SEGMENT.lastIndex = index;
    const m = SEGMENT.exec(trimmed);
    if (!m) return null;
    const unit = m[2] === 'μs' ? 'us' : (m[2] as string);
    const ns = durationToNs(m[1] as string, unit);
    if (ns === null) return null;
    total += ns;
    index = SEGMENT.lastIndex;
  }
  return total;
}
