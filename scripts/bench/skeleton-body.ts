// The body GET /api/traces/{id}/spans?view=skeleton sends for generated spans (the server's row writer, then
// the trailer), for benchmarks that decode it as the trace page's and /compare's workers do. One resource per
// service, with the host of its first span. Spans come as chunks from a function called twice (the base and
// the services first, then the rows), so a 500k-span trace never has to exist as 500k objects at once.
// Needs `tsx --conditions=react-server` (the row writer is server-only).
import type { SpanRecord } from '../../lib/domain/model/span';
import { COPY_HEADER_LENGTH, COPY_SIGNATURE } from '../../lib/domain/waterfall/skeleton-binary';

export async function skeletonBody(traceId: string, chunks: () => Iterable<SpanRecord[]>): Promise<Buffer> {
  const { SkeletonRowWriter } = await import('../../lib/server/traces/skeleton-row-writer');
  let base: bigint | null = null;
  const services = new Map<string, SpanRecord['host']>();
  for (const chunk of chunks())
    for (const s of chunk) {
      if (base === null || s.startTimeUnixNano < base) base = s.startTimeUnixNano;
      if (!services.has(s.serviceName)) services.set(s.serviceName, s.host);
    }
  const start = base ?? 0n;
  const serviceIndex = new Map([...services.keys()].map((name, k) => [name, k] as const));
  const writer = new SkeletonRowWriter();
  const header = Buffer.alloc(COPY_HEADER_LENGTH);
  header.set(COPY_SIGNATURE);
  const parts: Buffer[] = [header];
  for (const chunk of chunks()) {
    for (const s of chunk) {
      writer.write({
        resource_index: serviceIndex.get(s.serviceName)!,
        span_id: s.spanId,
        parent_span_id: s.parentSpanId,
        name: s.name,
        kind: s.kind,
        start_rel: String(s.startTimeUnixNano - start),
        end_rel: String(s.endTimeUnixNano - start),
        status_code: s.statusCode,
        status_message: s.statusMessage,
        event_times: s.events.length === 0 ? null : `{${s.events.map((e) => e.timeUnixNano - start).join(',')}}`,
      });
    }
    parts.push(writer.take());
  }
  const trailer = {
    traceId,
    baseUnixNano: start.toString(),
    resources: [...services].map(([serviceName, host]) => ({ serviceName, attributes: {}, host })),
  };
  return Buffer.concat([...parts, Buffer.from([0xff, 0xff]), Buffer.from(JSON.stringify(trailer))]);
}
