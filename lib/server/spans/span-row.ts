import 'server-only';
// One row of the spans table (prisma/migrations/..._init) as node-postgres returns it: bytea → Buffer,
// BIGINT → bigint (the pool's type parser), jsonb parsed. Readers Pick the columns they select, so the
// column types are declared once. duration_ns is left out: no reader selects it (it exists for an index).
import type { Attributes } from '@/lib/domain/model/any-value';
import type { InstrumentationScope, SpanLink } from '@/lib/domain/model/span';
import type { TracePayloadEvent } from '@/lib/domain/model/trace-payload';
import type { HostColumns } from './host-columns';

export interface SpanTableRow extends HostColumns {
  tenant: string;
  trace_id: Buffer;
  span_id: Buffer;
  parent_span_id: Buffer | null;
  trace_state: string;
  flags: number;
  name: string;
  kind: number;
  service_name: string;
  start_time_unix_nano: bigint;
  end_time_unix_nano: bigint;
  status_code: number;
  status_message: string;
  attributes: Attributes;
  resource_attributes: Attributes;
  scope: InstrumentationScope;
  /** Event times are decimal strings in jsonb. */
  events: TracePayloadEvent[];
  links: SpanLink[];
  dropped_attributes_count: number;
  dropped_events_count: number;
  dropped_links_count: number;
}
