// Loki's /patterns for Logs Drilldown, approximated without Loki's Drain miner: a line's pattern is its
// whitespace-separated tokens with every variable-looking token replaced by <_> — a token holding a digit, or
// the value of key=value / key:value when that value holds a digit or is quoted. Lines with the same pattern
// are counted per step bucket (samples [unix seconds, count], in time order); patterns come out most frequent
// first. Pure; times are unix nanoseconds as bigint.
export interface PatternSeries {
  pattern: string;
  samples: [number, number][];
}

const MAX_TOKENS = 64;

function variableToken(token: string): string {
  const kv = /^([^=:\s]+[=:])(.*)$/.exec(token);
  if (kv && kv[2] !== '' && (/\d/.test(kv[2]!) || /^["']/.test(kv[2]!))) return `${kv[1]}<_>`;
  return /\d/.test(token) ? '<_>' : token;
}

export function linePattern(line: string): string {
  const tokens = line.trim().split(/\s+/).slice(0, MAX_TOKENS).map(variableToken);
  // Runs of <_> collapse into one, as Drain merges adjacent variables.
  return tokens.filter((t, i) => !(t === '<_>' && tokens[i - 1] === '<_>')).join(' ');
}

export function groupPatterns(lines: readonly { timeUnixNano: bigint; line: string }[], startNs: bigint, stepNs: bigint, limit: number): PatternSeries[] {
  const groups = new Map<string, { total: number; buckets: Map<bigint, number> }>();
  for (const { timeUnixNano, line } of lines) {
    const pattern = linePattern(line);
    let g = groups.get(pattern);
    if (!g) groups.set(pattern, (g = { total: 0, buckets: new Map() }));
    const bucket = startNs + ((timeUnixNano - startNs) / stepNs) * stepNs;
    g.buckets.set(bucket, (g.buckets.get(bucket) ?? 0) + 1);
    g.total++;
  }
  return [...groups.entries()]
    .sort(([pa, a], [pb, b]) => b.total - a.total || pa.localeCompare(pb))
    .slice(0, limit)
    .map(([pattern, g]) => ({
      pattern,
      samples: [...g.buckets.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([t, n]) => [Number(t / 1_000_000_000n), n]),
    }));
}
