import 'server-only';
// Interns the resource and scope JSON texts of a trace's rows into a list plus indexes (the TracePayload
// shape sends each distinct one once): the value is built from the first row with that text, once per text.
import type { Attributes } from '@/lib/domain/model/any-value';
import { hostIdentityFromResource } from '@/lib/domain/model/host-identity';
import type { TracePayloadResource } from '@/lib/domain/model/trace-payload';

export class InternTable<T> {
  readonly values: T[] = [];
  private readonly indexes = new Map<string, number>();

  indexOf(text: string, make: (text: string) => T): number {
    let index = this.indexes.get(text);
    if (index === undefined) {
      index = this.values.push(make(text)) - 1;
      this.indexes.set(text, index);
    }
    return index;
  }
}

/** A TracePayload resource from `resource_attributes::text`, named by the first span seen with it. */
export function payloadResource(serviceName: string, resourceText: string): TracePayloadResource {
  const attributes = JSON.parse(resourceText) as Attributes;
  return { serviceName, attributes, host: hostIdentityFromResource(attributes) };
}
