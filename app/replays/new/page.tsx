// /replays/new?traceId=&spanId= — the request editor for one span's request: its capture when there is one,
// else rebuilt from its HTTP attributes (body unknown); without a span, an empty GET. Also imports recordings.
import { AccessDenied } from '@/components/auth/access-denied';
import { ImportForm } from '@/components/replay/import-form';
import { RequestEditor } from '@/components/replay/request-editor';
import { SourceRunForm } from '@/components/replay/source-run-form';
import type { ReplayRequest } from '@/lib/domain/replay/replay-request';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { planRequests } from '@/lib/server/replay/plan-requests';
import { listTargets } from '@/lib/server/replay/replay-targets';
import { pageAccess } from '@/app/_lib/page-access';

export const metadata = { title: 'New replay' };
export const dynamic = 'force-dynamic';

const HEX = (n: number) => new RegExp(`^[0-9a-f]{${n}}$`);

export default async function NewReplayPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { principal, allowed, tenant } = await pageAccess('responder', '/replays/new');
  if (!allowed) return <AccessDenied needed="responder" role={principal.role} />;
  const params = await searchParams;
  const traceId = params.traceId?.toLowerCase() ?? null;
  const spanId = params.spanId?.toLowerCase() ?? null;
  const db = await getDatabase();
  const targets = await listTargets(db.pool);
  let initial: ReplayRequest = { method: 'GET', url: '/', headers: {}, body: null, bodyUnknown: false };
  let problem: string | null = null;
  if (traceId && spanId && HEX(32).test(traceId) && HEX(16).test(spanId)) {
    try {
      const [planned] = await planRequests(db.pool, tenant, { kind: 'trace', traceId, spanIds: [spanId] });
      if (planned) initial = planned.request;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problem = error.message;
    }
  }
  return (
    <section className="page">
      <h1>New replay</h1>
      {traceId && spanId ? (
        <p className="muted">
          Replaying span <span className="mono">{spanId}</span> of trace <span className="mono">{traceId}</span>.
        </p>
      ) : null}
      {problem ? <p className="error-text">{problem}</p> : null}
      {traceId && HEX(32).test(traceId) && targets.length > 0 ? (
        <>
          <h2>All requests of the trace</h2>
          <p className="muted">Its captures, or else its root HTTP spans; unsafe methods are skipped unless allowed.</p>
          <SourceRunForm source={{ kind: 'trace', traceId }} label="Replay the trace" targets={targets} />
          <h2>This request</h2>
        </>
      ) : null}
      <RequestEditor initial={initial} targets={targets} originalTraceId={traceId && HEX(32).test(traceId) ? traceId : null} originalSpanId={spanId && HEX(16).test(spanId) ? spanId : null} />
      <h2>Import a recording</h2>
      <ImportForm targets={targets} />
    </section>
  );
}
