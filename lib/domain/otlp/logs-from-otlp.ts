// OtlpLogsRequest → LogRecordInput[] for one tenant. Stream labels: `service_name` from the resource's
// service.name plus every other resource attribute, flattened to strings, with keys made Loki-safe (dots and
// other characters → '_', as Loki's own OTLP ingestion does). Line metadata: the record's attributes (same key
// rule) plus scope name when present. The time is the record's time, else its observed time; a record with
// neither, or with a malformed trace/span id, is rejected.
import { anyValueToText, setOwn, type Attributes } from '../model/any-value';
import { isValidSpanId, isValidTraceId } from '../model/ids';
import type { LogRecordInput } from '../logs/log-record-input';
import type { OtlpLogsRequest } from './otlp-request';
import { DEFAULT_STORAGE_LIMITS, Storable, storableStringMap, storableText, type StorageLimits } from '../model/storable';
import { Rejections } from './otlp-rejections';
import { MAX_INT8, serviceNameOf } from './spans-from-otlp';

export interface LogsFromOtlp {
  logs: LogRecordInput[];
  rejected: number;
  errorMessage: string;
}

export function lokiLabelName(key: string): string {
  const cleaned = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

function flatten(attributes: Attributes, skip?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (key === skip) continue;
    setOwn(out, lokiLabelName(key), anyValueToText(value));
  }
  return out;
}

function optionalId(hex: string, valid: (id: string) => boolean): string | null | undefined {
  if (hex === '' || /^0+$/.test(hex)) return null;
  return valid(hex) ? hex : undefined;
}

/** Metadata key listing values cut to ATTRIBUTE_VALUE_LENGTH_LIMIT (the logs' form of `tracehound.truncated`). */
export const TRUNCATED_METADATA_KEY = 'tracehound_truncated';

export function logsFromOtlp(request: OtlpLogsRequest, tenant: string, limits: StorageLimits = DEFAULT_STORAGE_LIMITS): LogsFromOtlp {
  const logs: LogRecordInput[] = [];
  const rejections = new Rejections();
  const clean = new Storable(limits);
  for (const rl of request.resourceLogs) {
    const resourceNotes: string[] = [];
    const resource = clean.attributesOnce(rl.resource, 'resource.', resourceNotes);
    const labels = storableStringMap({ ...flatten(resource, 'service.name'), service_name: serviceNameOf(resource) });
    for (const sl of rl.scopeLogs) {
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
        const notes = [...resourceNotes];
        const metadata = flatten(clean.attributes(r.attributes, 'attributes.', notes));
        if (sl.scope.name) metadata.scope_name = storableText(sl.scope.name);
        if (r.eventName) metadata.event_name = storableText(r.eventName);
        if (notes.length > 0) metadata[TRUNCATED_METADATA_KEY] = notes.join(', ');
        logs.push({
          tenant,
          traceId,
          spanId,
          timeUnixNano: time,
          observedTimeUnixNano: r.observedTimeUnixNano > 0n ? r.observedTimeUnixNano : null,
          labels,
          line: storableText(anyValueToText(r.body)),
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
