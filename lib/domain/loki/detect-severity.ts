// Severity of a Loki line from `level` / `severity` / `detected_level` (metadata, labels, JSON line or
// logfmt), mapped onto OpenTelemetry severity numbers (TRACE 1, DEBUG 5, INFO 9, WARN 13, ERROR 17,
// FATAL 21) so Loki and OTLP logs filter alike. pino's numeric levels (10..60) are understood too.
const KEYS = ['level', 'severity', 'detected_level', 'lvl'] as const;

const BY_NAME: Record<string, number> = {
  trace: 1,
  debug: 5,
  info: 9,
  information: 9,
  notice: 10,
  warn: 13,
  warning: 13,
  error: 17,
  err: 17,
  critical: 21,
  crit: 21,
  fatal: 21,
  panic: 21,
  emergency: 21,
  alert: 21,
};
const PINO: Record<number, [string, number]> = { 10: ['trace', 1], 20: ['debug', 5], 30: ['info', 9], 40: ['warn', 13], 50: ['error', 17], 60: ['fatal', 21] };

export interface Severity {
  severityText: string | null;
  severityNumber: number | null;
}

function fromValue(value: unknown): Severity | null {
  if (typeof value === 'number' && PINO[value]) {
    const [text, num] = PINO[value] as [string, number];
    return { severityText: text, severityNumber: num };
  }
  if (typeof value !== 'string' || value === '') return null;
  if (/^\d+$/.test(value) && PINO[Number(value)]) return fromValue(Number(value));
  return { severityText: value, severityNumber: BY_NAME[value.toLowerCase()] ?? null };
}

const LOGFMT_LEVEL = /(?:^|\s)(?:level|severity|lvl)=("?)([A-Za-z]{3,11})\1(?=\s|$)/;

export function detectSeverity(metadata: Record<string, string>, labels: Record<string, string>, line: string, json: Record<string, unknown> | null): Severity {
  for (const source of [metadata, labels, json ?? {}] as Record<string, unknown>[]) {
    for (const k of KEYS) {
      const s = fromValue(source[k]);
      if (s) return s;
    }
  }
  if (!json && line.length <= 16 * 1024) {
    const m = LOGFMT_LEVEL.exec(line);
    if (m) return fromValue(m[2]) ?? { severityText: null, severityNumber: null };
  }
  return { severityText: null, severityNumber: null };
}
