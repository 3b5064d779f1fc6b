// `npm run corpus:record` — regenerates the recorded part of the analysis corpus: runs each small system's
// scenarios with the real OpenTelemetry JS SDK while CPU-burning threads keep the machine loaded (so the
// spans carry real scheduling jitter), and writes per system corpus/traces/<system>.otlp.json (an OTLP JSON
// export, as the SDK's own serializer writes it) plus corpus/recorded-cases.json (trace id → ground truth).
// All traffic is on 127.0.0.1. Hand-made Zipkin/Jaeger files and their cases (corpus/hand-made-cases.json)
// are not touched.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { CorpusCase } from '../check/corpus-case';
import { startCpuLoad } from './cpu-load';
import type { ServiceTelemetry } from './corpus-telemetry';
import type { RecordedCase } from './recorded-case';
import { recordBookings } from './systems/bookings';
import { recordLedger } from './systems/ledger';
import { recordLocks } from './systems/locks';
import { recordMedia } from './systems/media';

const CORPUS_DIR = path.resolve(__dirname, '..');
const SYSTEMS: Record<string, () => Promise<{ telemetry: ServiceTelemetry[]; cases: RecordedCase[] }>> = {
  bookings: recordBookings,
  media: recordMedia,
  ledger: recordLedger,
  locks: recordLocks,
};

async function main(): Promise<void> {
  const load = startCpuLoad(Number(process.env.CORPUS_LOAD_THREADS ?? 2), 120_000);
  const all: CorpusCase[] = [];
  try {
    for (const [system, record] of Object.entries(SYSTEMS)) {
      const { telemetry, cases } = await record();
      const spans = telemetry.flatMap((t) => t.finished());
      const file = `traces/${system}.otlp.json`;
      const json = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans))) as unknown;
      writeFileSync(path.join(CORPUS_DIR, file), `${JSON.stringify(json)}\n`);
      for (const c of cases) all.push({ file, system, ...c });
      console.log(`${system}: ${cases.length} traces, ${spans.length} spans → corpus/${file}`);
    }
  } finally {
    await load.stop();
  }
  writeFileSync(path.join(CORPUS_DIR, 'recorded-cases.json'), `${JSON.stringify(all, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(`[corpus:record] ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
