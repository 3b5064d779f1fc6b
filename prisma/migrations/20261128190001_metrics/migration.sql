-- OTLP metric data points (issue 20), day-partitioned on time_unix_nano like spans and logs so retention drops
-- whole days. A series is (tenant, service, metric, attributes); series_key is the md5 of the attributes'
-- canonical jsonb text, so a re-delivered point (same series and time) is stored once.
CREATE TABLE "metric_points" (
    "tenant" TEXT NOT NULL,
    "service_name" TEXT NOT NULL,
    "metric_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "temporality" SMALLINT NOT NULL DEFAULT 0,
    "monotonic" BOOLEAN NOT NULL DEFAULT false,
    "series_key" TEXT NOT NULL,
    "time_unix_nano" BIGINT NOT NULL,
    "start_time_unix_nano" BIGINT NOT NULL DEFAULT 0,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "value" DOUBLE PRECISION,
    "data" JSONB,
    "exemplars" JSONB NOT NULL DEFAULT '[]',
    PRIMARY KEY ("tenant", "service_name", "metric_name", "series_key", "time_unix_nano")
) PARTITION BY RANGE ("time_unix_nano");

-- The metric list of a service over a window.
CREATE INDEX "metric_points_tenant_service_time_idx" ON "metric_points" ("tenant", "service_name", "time_unix_nano");
