// The downstream a call span talks to: the service of its first child on another service (the callee's
// SERVER span), else the peer named by its attributes (peer.service, server.address, db.system), else its own
// service (an uninstrumented callee seen only from the caller's side).
import { stringAttribute } from '../../model/any-value';
import { SpanKind } from '../../model/span';
import type { TraceFacts } from '../trace-facts';

const CLIENT = SpanKind.CLIENT;
const PRODUCER = SpanKind.PRODUCER;
const PEER_KEYS = ['peer.service', 'server.address', 'net.peer.name', 'db.system'];

export function downstreamOf(facts: TraceFacts, i: number): string {
  const { table, tree } = facts;
  for (let c = tree.childOffsets[i]!; c < tree.childOffsets[i + 1]!; c++) {
    const child = tree.childList[c]!;
    if (table.service[child] !== table.service[i]) return table.serviceNames[table.service[child]!]!;
  }
  // Peer attributes describe outgoing calls; reading attribute objects of every internal span is slow.
  const attributes = table.kind[i] === CLIENT || table.kind[i] === PRODUCER ? table.spans[i]!.attributes : undefined;
  if (attributes) {
    for (const key of PEER_KEYS) {
      const value = stringAttribute(attributes, key);
      if (value) return value;
    }
  }
  return table.serviceNames[table.service[i]!]!;
}

/** A child that is a call: a CLIENT/PRODUCER span, or a span of another service directly under its caller. */
export function isCall(facts: TraceFacts, parent: number, child: number): boolean {
  const k = facts.table.kind[child];
  return k === CLIENT || k === PRODUCER || facts.table.service[child] !== facts.table.service[parent];
}

/** Whether the call failed, as seen by the caller or by the callee's direct span. */
export function callFailed(facts: TraceFacts, i: number): boolean {
  const { table, tree } = facts;
  if (table.error[i]) return true;
  for (let c = tree.childOffsets[i]!; c < tree.childOffsets[i + 1]!; c++) if (table.error[tree.childList[c]!]) return true;
  return false;
}
