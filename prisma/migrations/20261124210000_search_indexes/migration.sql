-- Search: errors of one service in a time window (`{ resource.service.name = "payment" && status = error }`,
-- the most common incident query, and the child side of `{...} >> { status = error }`). Without it Postgres
-- fetches every error span of the window from the heap and filters by service; measured on 1M spans
-- (docs/performance.md, "Search") the error-span scan fell from ~250 ms to ~6 ms. Error spans are a few per
-- cent of spans, so the partial index is small and cheap to maintain.
CREATE INDEX "spans_service_errors_time_idx" ON "spans" ("tenant", "service_name", "start_time_unix_nano") WHERE "status_code" = 2;

-- Search: span attribute equality (`{ span.http.status_code = 503 }`, `{ .http.route = "/pay" }`) compiles to
-- jsonb containment, which this index serves and Postgres can AND with the service/duration indexes. Measured on
-- 1M spans, a selective attribute + service + duration query fell from ~530 ms to ~30-60 ms. jsonb_path_ops
-- (hashes of key paths with values) is several times smaller than the default GIN opclass.
CREATE INDEX "spans_attributes_idx" ON "spans" USING GIN ("attributes" jsonb_path_ops);
