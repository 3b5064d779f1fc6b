-- Issue 22: each span stores the 64-bit key of its resource (service name + resource attributes), computed by
-- the span writer when the row is stored, so the trace readers (the page's binary skeleton, the JSON span
-- view) stop hashing every span's resource jsonb on every read (~0.2 s of the 500k-span skeleton query).
-- Nullable without a default so adding it is instant (a STORED generated column rewrote a 500k-span
-- partition for 50 s); rows written before it keep NULL and the readers hash those on the fly
-- (COALESCE(resource_key, <the same hash>), lib/server/traces/trace-resources.ts).
ALTER TABLE "spans" ADD COLUMN "resource_key" BIGINT;
