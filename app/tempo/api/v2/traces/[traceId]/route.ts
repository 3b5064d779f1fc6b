// GET /tempo/api/v2/traces/{traceId} — Tempo's v2 trace by id: tempopb.TraceByIDResponse, JSON {trace} or
// (Accept: application/protobuf, as Grafana asks) protobuf.
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';
import { tempoTraceResponse } from '@/lib/server/tempo/tempo-trace';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ traceId: string }>('viewer', async (request, context, access) =>
  tempoTraceResponse((await getDatabase()).pool, access.tenant(), (await context.params).traceId, request, 'v2'),
);
