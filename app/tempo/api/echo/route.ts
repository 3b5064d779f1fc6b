// GET /tempo/api/echo — Tempo's liveness answer "echo" (Grafana's Tempo data source "Save & test" calls it).
import { guarded } from '@/lib/server/auth/guarded';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async () => new Response('echo', { headers: { 'Content-Type': 'text/plain' } }));
