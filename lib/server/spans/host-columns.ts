import 'server-only';
// The spans table stores a span's HostIdentity in four columns (host_id, host_name, host_ip,
// service_instance_id); every reader that selects them maps them back the same way.
import type { HostIdentity } from '@/lib/domain/model/span';

export interface HostColumns {
  host_id: string | null;
  host_name: string | null;
  host_ip: string | null;
  service_instance_id: string | null;
}

export function hostFromColumns(row: HostColumns): HostIdentity {
  return { id: row.host_id, name: row.host_name, ip: row.host_ip, serviceInstanceId: row.service_instance_id };
}
