// Which OTLP log attributes become Loki stream labels and which structured metadata, as Loki's own OTLP
// ingestion decides (grafana/loki pkg/loghttp/push/otlplabels: GlobalOTLPConfig's default
// default_resource_attributes_as_index_labels, and AttributeToLabels). Only a standard set of resource
// attributes is promoted to labels, so a per-process attribute such as the process id does not make a new stream
// at every restart; every other resource attribute, the scope's attributes and the record's attributes are
// structured metadata (LogQL label filters after `|` still find them). Names: dots and other characters → '_';
// a map value is expanded into one label per leaf, named parent_child, as Loki does.
import type { AnyValue, Attributes } from '../model/any-value';
import { setOwn } from '../model/any-value';
import { anyValueAsString } from '../model/any-value-json';

/** Loki's default list of resource attributes stored as index labels (OTLP_LOG_INDEX_LABELS overrides it). */
export const DEFAULT_OTLP_LOG_INDEX_LABELS: readonly string[] = [
  'service.name',
  'service.namespace',
  'service.instance.id',
  'deployment.environment',
  'deployment.environment.name',
  'cloud.region',
  'cloud.availability_zone',
  'k8s.cluster.name',
  'k8s.namespace.name',
  'k8s.pod.name',
  'k8s.container.name',
  'container.name',
  'k8s.replicaset.name',
  'k8s.deployment.name',
  'k8s.statefulset.name',
  'k8s.daemonset.name',
  'k8s.cronjob.name',
  'k8s.job.name',
];

export function lokiLabelName(key: string): string {
  const cleaned = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** Adds one attribute to `out` as Loki label pairs (maps expanded recursively with the parent's name as prefix). */
export function addAttributeLabels(out: Record<string, string>, key: string, value: AnyValue, prefix = ''): void {
  const name = lokiLabelName(prefix ? `${prefix}_${key}` : key);
  if ('kvlistValue' in value) {
    for (const kv of value.kvlistValue.values) addAttributeLabels(out, kv.key, kv.value, name);
    return;
  }
  setOwn(out, name, anyValueAsString(value));
}

export function attributesAsLabels(attributes: Attributes, out: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(attributes)) addAttributeLabels(out, key, value);
  return out;
}

export interface ResourceLabels {
  /** Stream labels: the promoted resource attributes, always with service_name. */
  labels: Record<string, string>;
  /** The other resource attributes, as structured metadata of every record of the resource. */
  metadata: Record<string, string>;
}

export function splitResourceAttributes(resource: Attributes, indexLabels: ReadonlySet<string>, serviceName: string): ResourceLabels {
  const labels: Record<string, string> = {};
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(resource)) {
    // service.name is always the stream's service_name (the dashboard groups logs by it), never metadata.
    if (key !== 'service.name') addAttributeLabels(indexLabels.has(key) ? labels : metadata, key, value);
  }
  labels.service_name = serviceName;
  return { labels, metadata };
}
