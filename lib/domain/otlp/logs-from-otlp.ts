// OtlpLogsRequest → LogRecordInput[] for one tenant, following Loki's OTLP conventions (otlp-log-labels.ts):
// stream labels are `service_name` plus the promoted resource attributes (OTLP_LOG_INDEX_LABELS, Loki's
// default set); structured metadata holds the other resource attributes, the scope's attributes, name and
// version, and the record's attributes (the record's win a name clash). The line is the body as Loki writes it
// (a map body is JSON that keeps number and nesting types). The time is the record's time, else its observed
// time; a record with neither, or with a malformed trace/span id, is rejected.
import { isValidSpanId, isValidTraceId } from '../model/ids';
import type { LogRecordInput } from '../logs/log-record-input';
import type { OtlpLogsRequest } from './otlp-request';
import { DEFAULT_STORAGE_LIMITS, Storable, storableStringMap, storableText, type StorageLimits } from '../model/storable';
import { Rejections } from './otlp-rejections';
import { MAX_INT8, serviceNameOf } from './spans-from-otlp';
import { anyValueAsString } from '../model/any-value-json';
import { windowProblem, type IngestWindow } from '../model/ingest-window';
import { attributesAsLabels, DEFAULT_OTLP_LOG_INDEX_LABELS, splitResourceAttributes } from './otlp-log-labels';

export interface LogsFromOtlp {
  logs: LogRecordInput[];
  rejected: number;
  errorMessage: string;
}

export interface LogsFromOtlpOptions {
  /** Resource attributes stored as stream labels (OTLP_LOG_INDEX_LABELS); Loki's default set when absent. */
  indexLabels?: ReadonlySet<string>;
  /** Records outside it are rejected (ingest-window.ts); no check when absent. */
  window?: IngestWindow;
}

const DEFAULT_INDEX_LABELS: ReadonlySet<string> = new Set(DEFAULT_OTLP_LOG_INDEX_LABELS);

function optionalId(hex: string, valid: (id: string) => boolean): string | null | undefined {
  if (hex === '' || /^0+$/.test(hex)) return null;
  return valid(hex) ? hex : undefined;
}

/** Metadata key listing values cut to ATTRIBUTE_VALUE_LENGTH_LIMIT (the logs' form of `tracehound.truncated`). */
export const TRUNCATED_METADATA_KEY = 'tracehound_truncated';

export function logsFromOtlp(request: OtlpLogsRequest, tenant: string, limits: StorageLimits = DEFAULT_STORAGE_LIMITS, options: LogsFromOtlpOptions = {}): LogsFromOtlp {
  const indexLabels = options.indexLabels ?? DEFAULT_INDEX_LABELS;
  const logs: LogRecordInput[] = [];
  const rejections = new Rejections();
  const clean = new Storable(limits);
  for (const rl of request.resourceLogs) {
    const resourceNotes: string[] = [];
    const resource = clean.attributesOnce(rl.resource, 'resource.', resourceNotes);
    const split = splitResourceAttributes(resource, indexLabels, serviceNameOf(resource));
    const labels = storableStringMap(split.labels);
    const resourceMetadata = storableStringMap(split.metadata);
    for (const sl of rl.scopeLogs) {
      const scopeNotes: string[] = [];
      const scopeMetadata = storableStringMap(attributesAsLabels(clean.attributes(sl.scope.attributes, 'scope.', scopeNotes), { ...resourceMetadata }));
      if (sl.scope.name) scopeMetadata.scope_name = storableText(sl.scope.name);
      if (sl.scope.version) scopeMetadata.scope_version = storableText(sl.scope.version);
      for (const r of sl.logRecords) {
        const time = r.timeUnixNano > 0n ? r.timeUnixNano : r.observedTimeUnixNano;
        if (time <= 0n) {
          rejections.add('missing time');
          continue;
        }
        if (time > MAX_INT8 || r.observedTimeUnixNano > MAX_INT8) {
          rejections.add('time out of range');
          continue;
        }
        const outside = windowProblem(time, options.window);
        if (outside) {
          rejections.add(outside);
          continue;
        }
        const traceId = optionalId(r.traceId, isValidTraceId);
        const spanId = optionalId(r.spanId, isValidSpanId);
        if (traceId === undefined) {
          rejections.add('invalid trace id');
          continue;
        }
        if (spanId === undefined) {
          rejections.add('invalid span id');
          continue;
        }
        const notes = [...resourceNotes, ...scopeNotes];
        const metadata = attributesAsLabels(clean.attributes(r.attributes, 'attributes.', notes), { ...scopeMetadata });
        if (r.eventName) metadata.event_name = storableText(r.eventName);
        if (notes.length > 0) metadata[TRUNCATED_METADATA_KEY] = notes.join(', ');
        logs.push({
          tenant,
          traceId,
          spanId,
          timeUnixNano: time,
          observedTimeUnixNano: r.observedTimeUnixNano > 0n ? r.observedTimeUnixNano : null,
          labels,
          line: storableText(anyValueAsString(r.body)),
          metadata,
          severityText: storableText(r.severityText) || null,
          // SEVERITY_NUMBER is 1..24; anything else is unknown (and would overflow the int2 column).
          severityNumber: r.severityNumber >= 1 && r.severityNumber <= 24 ? r.severityNumber : null,
        });
      }
    }
  }
  return { logs, rejected: rejections.count, errorMessage: rejections.message() };
}
