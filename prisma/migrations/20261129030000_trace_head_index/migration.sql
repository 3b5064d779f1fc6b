-- Issue 22: the trace page's server-rendered first screenful (lib/server/traces/trace-head.ts) walks the span
-- tree depth-first with one small query per span: "children of this span in this trace, by start then span id,
-- LIMIT rows". The primary key (trace_id, tenant, span_id, start) cannot answer that without reading the whole
-- trace; this index makes each step a short range scan, so the preview costs O(screen) at any trace size.
-- span_id is the last column so ties on start come out of the index in the head's order, without a sort.
-- Roots (parent_span_id NULL) sit in the same index (btree stores NULLs). A plain CREATE INDEX on the
-- partitioned table builds it on every partition (CONCURRENTLY is not allowed on a partitioned parent).
CREATE INDEX "spans_trace_parent_start_idx" ON "spans" ("trace_id", "tenant", "parent_span_id", "start_time_unix_nano", "span_id");
