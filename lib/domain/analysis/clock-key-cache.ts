// Interns span clocks (clockKey) to small integers without building a key string per span: the deciding
// field (host.id, else host.ip, else host.name, else service.instance.id, else the service name, as clockKey
// prefers) is looked up in its own map, and the clockKey string is built once per new clock.
import { clockKey } from '../model/host-identity';
import type { HostIdentity } from '../model/span';

export class ClockKeyCache {
  readonly names: string[] = [];
  private readonly byField = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];

  idOf(host: HostIdentity, serviceName: string): number {
    const field = host.id ? 0 : host.ip ? 1 : host.name ? 2 : host.serviceInstanceId ? 3 : 4;
    const value = field === 0 ? host.id! : field === 1 ? host.ip! : field === 2 ? host.name! : field === 3 ? host.serviceInstanceId! : serviceName;
    const map = this.byField[field]!;
    let id = map.get(value);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(clockKey(host, serviceName));
      map.set(value, id);
    }
    return id;
  }

  keyOf(host: HostIdentity, serviceName: string): string {
    return this.names[this.idOf(host, serviceName)]!;
  }
}
