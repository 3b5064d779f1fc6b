// OTLP span kind numbers → the lower-case names Jaeger's operations endpoints use ("" for unspecified).
const KIND_NAMES = ['', 'internal', 'server', 'client', 'producer', 'consumer'];

export function jaegerSpanKindName(kind: number): string {
  return KIND_NAMES[kind] ?? '';
}
