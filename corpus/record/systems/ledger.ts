// "ledger": gRPC-style unary calls over node:http2. gw (HTTP entry) → ledger.Ledger/Post → risk.Risk/Score.
// risk runs on a host whose clock is 700 ms ahead (simulated). Deadlines travel as grpc-timeout; a caller
// whose deadline passes cancels the stream and records DEADLINE_EXCEEDED.
import { burnCpu, sleep } from '../db-call';
import { callGrpc, closeGrpcSessions, GRPC_OK, GRPC_UNAVAILABLE, startGrpcService } from '../grpc-style';
import { startHttpService } from '../http-service';
import { serviceTelemetry, type ServiceTelemetry } from '../corpus-telemetry';
import { startTrace, type RecordedCase } from '../recorded-case';

export const LEDGER_HOSTS = { gw: 'lg-gw-1', ledger: 'lg-ledger-1', risk: 'lg-risk-1' };
const RISK_SKEW_MS = 700;

export async function recordLedger(): Promise<{ telemetry: ServiceTelemetry[]; cases: RecordedCase[] }> {
  const gw = serviceTelemetry('gw', LEDGER_HOSTS.gw);
  const ledger = serviceTelemetry('ledger', LEDGER_HOSTS.ledger);
  const risk = serviceTelemetry('risk', LEDGER_HOSTS.risk, RISK_SKEW_MS);
  const riskSvc = await startGrpcService(risk.tracer, {
    '/risk.Risk/Score': async (req) => {
      burnCpu(2);
      if (req.slowMs) await sleep(Number(req.slowMs));
      return { code: req.unavailable ? GRPC_UNAVAILABLE : GRPC_OK, reply: { score: 0.1 } };
    },
  });
  const ledgerSvc = await startGrpcService(ledger.tracer, {
    '/ledger.Ledger/Post': async (req) => {
      burnCpu(1);
      const code = await callGrpc(ledger.tracer, riskSvc.url, '/risk.Risk/Score', req, 300);
      return { code: code === GRPC_OK ? GRPC_OK : GRPC_UNAVAILABLE };
    },
  });
  const gwSvc = await startHttpService(gw.tracer, {
    '/post': async (body) => {
      for (let i = 0; i < Number(body.times ?? 1); i++) {
        const code = await callGrpc(gw.tracer, ledgerSvc.url, '/ledger.Ledger/Post', body, Number(body.deadlineMs ?? 500));
        if (code !== GRPC_OK) return { status: code === 4 ? 504 : 503 };
      }
      return { status: 200 };
    },
  });

  const skew = { type: 'clock-skew', host: LEDGER_HOSTS.risk };
  const cases: RecordedCase[] = [];
  for (let n = 0; n < 2; n++) {
    cases.push({
      traceId: await startTrace(`${gwSvc.url}/post`, { times: 3 }),
      scenario: 'grpc-healthy',
      story: 'three postings, each gw → ledger → risk; risk is quick but its clock is 700 ms ahead',
      expect: [skew],
      forbid: [{ type: 'retry-storm' }, { type: 'latency-hotspot', service: 'gw' }],
      allow: [{ type: 'latency-hotspot' }],
    });
    cases.push({
      traceId: await startTrace(`${gwSvc.url}/post`, { deadlineMs: 60, slowMs: 150 }),
      scenario: 'grpc-deadline',
      cause: { type: 'timeout-cascade', service: 'risk' },
      story: "gw's 60 ms deadline passes (DEADLINE_EXCEEDED); ledger's server span ends CANCELLED while its call to risk runs on for 150 ms",
      expect: [{ type: 'timeout-cascade', service: 'gw' }, { type: 'timeout-cascade', service: 'ledger' }, { type: 'root-cause-error', service: 'gw' }, skew],
      forbid: [],
      allow: [{ type: 'latency-hotspot' }],
    });
    cases.push({
      traceId: await startTrace(`${gwSvc.url}/post`, { unavailable: true }),
      scenario: 'grpc-unavailable',
      cause: { type: 'root-cause-error', service: 'risk' },
      story: 'risk answers UNAVAILABLE, ledger passes it on, gw answers 503: an error cascade, every caller got an answer',
      expect: [{ type: 'root-cause-error', service: 'risk' }, skew],
      forbid: [{ type: 'timeout-cascade' }],
      allow: [{ type: 'latency-hotspot' }],
    });
  }
  await sleep(400);
  closeGrpcSessions();
  await Promise.all([gwSvc.close(), ledgerSvc.close(), riskSvc.close()]);
  return { telemetry: [gw, ledger, risk], cases };
}
