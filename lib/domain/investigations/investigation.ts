// Investigations as the API and the pages see them (issue #17). Times of evidence are unix nanoseconds as
// decimal strings; created/edited stamps are ISO-8601 (wall-clock times of people, not of spans).
import type { TraceSummary } from '../model/trace-summary';

export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['investigating', 'mitigated', 'resolved'] as const;
export type InvestigationStatus = (typeof STATUSES)[number];

/** Every kind of evidence. `replay-run` and `chaos-run` are pinned by reference + snapshot until those
 * features exist; the timeline shows any kind the same way. */
export const ITEM_KINDS = ['trace', 'span', 'finding', 'log-query', 'search-query', 'service', 'comparison', 'replay-run', 'chaos-run', 'note'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface Investigation {
  id: string;
  tenant: string;
  title: string;
  severity: Severity;
  status: InvestigationStatus;
  owner: string | null;
  windowStartUnixNano: string | null;
  windowEndUnixNano: string | null;
  services: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  itemCount: number;
}

export interface InvestigationItem {
  id: string;
  kind: ItemKind;
  /** Trace id, "traceId/spanId", run id, service name... null for notes. */
  ref: string | null;
  traceId: string | null;
  /** What was pinned; its shape depends on the kind (see investigation-input.ts). */
  payload: Record<string, unknown>;
  occurredUnixNano: string | null;
  author: string;
  authorId: string;
  createdAt: string;
  editedAt: string | null;
  editedBy: string | null;
}

/** A pinned trace's snapshot facts, shown beside its items. */
export interface SnapshotInfo {
  traceId: string;
  spanCount: number;
  totalSpanCount: number;
  capturedAt: string;
}

export interface InvestigationDetail extends Investigation {
  items: InvestigationItem[];
  snapshots: SnapshotInfo[];
  /** Summaries of every trace the items and notes mention (from the live data, else the snapshot). */
  traces: Record<string, TraceSummary>;
}
