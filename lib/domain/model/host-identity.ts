// Host identity for skew correction: spans from one host share one clock. Preference order follows the
// OpenTelemetry resource conventions from most to least specific.
import { stringAttribute, type Attributes } from './any-value';
import type { HostIdentity } from './span';

export function hostIdentityFromResource(resource: Attributes): HostIdentity {
  return {
    id: stringAttribute(resource, 'host.id') ?? null,
    name: stringAttribute(resource, 'host.name') ?? null,
    ip: stringAttribute(resource, 'host.ip') ?? firstArrayString(resource, 'host.ip') ?? null,
    serviceInstanceId: stringAttribute(resource, 'service.instance.id') ?? null,
  };
}

/** The single key that names a span's clock: host.id, else host.ip, else host.name, else instance, else service. */
export function clockKey(host: HostIdentity, serviceName: string): string {
  if (host.id) return `host.id:${host.id}`;
  if (host.ip) return `host.ip:${host.ip}`;
  if (host.name) return `host.name:${host.name}`;
  if (host.serviceInstanceId) return `instance:${host.serviceInstanceId}`;
  return `service:${serviceName}`;
}

function firstArrayString(resource: Attributes, key: string): string | undefined {
  const value = resource[key];
  if (value && 'arrayValue' in value) {
    const first = value.arrayValue.values[0];
    if (first && 'stringValue' in first) return first.stringValue;
  }
  return undefined;
}
