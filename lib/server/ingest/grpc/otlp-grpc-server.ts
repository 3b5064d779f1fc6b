import 'server-only';
// The OTLP/gRPC receiver (issue 20): TraceService, LogsService and MetricsService Export on OTLP_GRPC_PORT, started with the
// app. Messages stay raw bytes through grpc-js (identity (de)serializers) and go through the same credential
// check, admission, decoder, storable-value mapping and write queues as OTLP/HTTP (storeOtlpBody), so both
// transports store and reject alike. grpc-js reads the whole message before the handler runs, bounded by
// MAX_REQUEST_BYTES (its max_receive_message_length, applied after gzip decompression too), so admission is
// checked twice: when the call's metadata arrives (admissionInterceptor: a saturated pipeline refuses the call
// before its message is read) and again, with the message's size, before decoding (withAdmission).
import * as grpc from '@grpc/grpc-js';
import type { Config } from '../../config/config-schema';
import { authorizeIngestHeaders } from '../../auth/ingest-access';
import { admissionRefusal, withAdmission } from '../ingest-pipelines';
import { queueOf, storeOtlpBody } from '../ingest-otlp';
import { otlpResponseBytes, type OtlpSignal } from '../otlp-response';
import { grpcErrorOf } from './grpc-status';

interface ServiceSpec {
  signal: OtlpSignal;
  path: string;
}

export const OTLP_GRPC_SERVICES: readonly ServiceSpec[] = [
  { signal: 'traces', path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export' },
  { signal: 'logs', path: '/opentelemetry.proto.collector.logs.v1.LogsService/Export' },
  { signal: 'metrics', path: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export' },
];

const identity = (b: Buffer): Buffer => b;

function serviceDefinition(path: string): grpc.ServiceDefinition {
  return {
    Export: {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    },
  };
}

/** The call's metadata as HTTP headers, so the ingest credential and tenant rules apply unchanged. */
function headersOf(metadata: grpc.Metadata): Headers {
  const headers = new Headers();
  for (const name of ['authorization', 'x-scope-orgid']) {
    const value = metadata.get(name)[0];
    if (typeof value === 'string') headers.set(name, value);
  }
  return headers;
}

async function exportOnce(signal: OtlpSignal, call: grpc.ServerUnaryCall<Buffer, Buffer>): Promise<Buffer> {
  const tenant = await authorizeIngestHeaders(headersOf(call.metadata));
  const body = call.request;
  return withAdmission(
    async (budget) => {
      budget.take(body.byteLength);
      const { rejected, errorMessage } = await storeOtlpBody(signal, 'protobuf', body, tenant, budget);
      return Buffer.from(otlpResponseBytes(signal, rejected, errorMessage));
    },
    { queue: queueOf(signal), declaredBytes: body.byteLength },
  );
}

function handler(signal: OtlpSignal): grpc.handleUnaryCall<Buffer, Buffer> {
  return (call, callback) => {
    exportOnce(signal, call).then(
      (response) => callback(null, response),
      async (error: unknown) => callback(await grpcErrorOf(error)),
    );
  };
}

/**
 * Admission before the message (issue 19's rule, as on the HTTP path): when the call's metadata arrives and
 * the pipeline is saturated, the call is answered RESOURCE_EXHAUSTED at once; its message is never read
 * (the handler that would ask for it does not start).
 */
function admissionInterceptor(): grpc.ServerInterceptor {
  return (method, call) => {
    const service = OTLP_GRPC_SERVICES.find((s) => s.path === method.path);
    const intercepting: grpc.ServerInterceptingCall = new grpc.ServerInterceptingCall(call, {
      start: (next) => {
        next({
          onReceiveMetadata: (metadata, pass) => {
            const refusal = service ? admissionRefusal(queueOf(service.signal)) : null;
            if (!refusal) {
              pass(metadata);
              return;
            }
            void grpcErrorOf(refusal).then((status) =>
              intercepting.sendStatus({ code: status.code ?? grpc.status.RESOURCE_EXHAUSTED, details: status.details ?? '', metadata: status.metadata ?? new grpc.Metadata() }),
            );
          },
        });
      },
    });
    return intercepting;
  };
}

/**
 * The host the HTTP server was bound to: `next start -H/--hostname` (as the test server and some deployments
 * use), else all interfaces, as `next start` binds by default.
 */
export function httpBindHost(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if ((arg === '-H' || arg === '--hostname') && argv[i + 1]) return argv[i + 1]!;
    if (arg.startsWith('--hostname=')) return arg.slice('--hostname='.length);
  }
  return '0.0.0.0';
}

function hostPort(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

const KEY = Symbol.for('tracehound.otlp-grpc-server');
type GlobalWithServer = typeof globalThis & { [KEY]?: grpc.Server };

/**
 * Starts the receiver once per process and resolves to the bound port (null when OTLP_GRPC_PORT=0). A port
 * that cannot be bound is reported on one line and leaves the HTTP server running.
 */
export function startOtlpGrpcServer(config: Config, host: string): Promise<number | null> {
  const g = globalThis as GlobalWithServer;
  if (config.OTLP_GRPC_PORT === 0 || g[KEY]) return Promise.resolve(null);
  const server = new grpc.Server({
    'grpc.max_receive_message_length': config.MAX_REQUEST_BYTES,
    'grpc.max_send_message_length': 1024 * 1024,
    interceptors: [admissionInterceptor()],
  });
  for (const service of OTLP_GRPC_SERVICES) server.addService(serviceDefinition(service.path), { Export: handler(service.signal) });
  g[KEY] = server;
  const address = hostPort(host, config.OTLP_GRPC_PORT);
  return new Promise((resolve) => {
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, port) => {
      if (error) {
        console.error(`[tracehound] OTLP/gRPC receiver could not listen on ${address}: ${error.message} (set OTLP_GRPC_PORT; 0 disables it)`);
        delete g[KEY];
        resolve(null);
        return;
      }
      console.info(`[tracehound] OTLP/gRPC receiver listening on ${hostPort(host, port)}`);
      resolve(port);
    });
  });
}

export function stopOtlpGrpcServer(): Promise<void> {
  const g = globalThis as GlobalWithServer;
  const server = g[KEY];
  if (!server) return Promise.resolve();
  delete g[KEY];
  return new Promise((resolve) => server.tryShutdown(() => resolve()));
}
