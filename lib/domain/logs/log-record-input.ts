// The OTLP logs decoder's output is exactly the shared writer contract (lib/domain/model/log-row.ts), so the
// OTLP and Loki paths store identical rows through one writeLogs.
import type { LogRow } from '../model/log-row';

export type LogRecordInput = LogRow;
