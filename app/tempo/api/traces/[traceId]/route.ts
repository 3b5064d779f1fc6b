// GET /tempo/api/traces/{traceId} — Tempo's v1 trace by id: OTLP TracesData, JSON or (Accept:
// application/protobuf) protobuf.
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';
import { tempoTraceResponse } from '@/lib/server/tempo/tempo-trace';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ traceId: string }>('viewer', async (request, context, access) =>
  tempoTraceResponse((await getDatabase()).pool, access.tenant(), (await context.params).traceId, request, 'v1'),
);
