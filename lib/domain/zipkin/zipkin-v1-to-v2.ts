// Zipkin v1 JSON spans → Zipkin v2 span objects, after Zipkin's own V1SpanConverter (zipkin2.v1), so v1 goes
// through the v2 mapping (spans-from-zipkin.ts) unchanged. In v1 the kind and the service live in the core
// annotations: cs/cr (client), sr/ss (server), ms/ws (producer), wr/mr (consumer), each with the endpoint that
// logged it. A v1 span holding both client and server annotations is the two halves of one call: it becomes a
// CLIENT span and a SERVER span marked `shared`, which the v2 mapping splits. `timestamp`/`duration` belong to
// the side that owns the span (the client when both are present); a server half without them is shared.
// binaryAnnotations become tags of the half whose endpoint logged them; `sa`/`ca`/`ma` (value true) are the
// remote endpoints. Values that are not objects are left as they are, for the v2 mapping to reject.
// Spans without any endpoint inherit their parent's (inheritEndpoints).

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function micros(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
}

type Side = 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';

const CORE: Record<string, { side: Side; begin: boolean }> = {
  cs: { side: 'CLIENT', begin: true },
  cr: { side: 'CLIENT', begin: false },
  sr: { side: 'SERVER', begin: true },
  ss: { side: 'SERVER', begin: false },
  ms: { side: 'PRODUCER', begin: true },
  ws: { side: 'PRODUCER', begin: false },
  wr: { side: 'CONSUMER', begin: true },
  mr: { side: 'CONSUMER', begin: false },
};

const ADDRESS: Record<string, Side[]> = { sa: ['CLIENT'], ca: ['SERVER'], ma: ['PRODUCER', 'CONSUMER'] };

interface Half {
  kind: Side | undefined;
  begin?: number;
  end?: number;
  endpoint?: Json;
  span: Json;
}

function sameService(a: unknown, b: Json | undefined): boolean {
  return isObject(a) && b !== undefined && a.serviceName === b.serviceName;
}

function convertOne(v1: Json): Json[] {
  const halves = new Map<Side | undefined, Half>();
  const half = (kind: Side | undefined): Half => {
    let h = halves.get(kind);
    if (!h) {
      h = { kind, span: {} };
      halves.set(kind, h);
    }
    return h;
  };
  const annotations = Array.isArray(v1.annotations) ? v1.annotations.filter(isObject) : [];
  const binary = Array.isArray(v1.binaryAnnotations) ? v1.binaryAnnotations.filter(isObject) : [];
  for (const a of annotations) {
    const core = typeof a.value === 'string' ? CORE[a.value] : undefined;
    if (!core) continue;
    const h = half(core.side);
    if (core.begin) h.begin = micros(a.timestamp);
    else h.end = micros(a.timestamp);
    if (isObject(a.endpoint) && !h.endpoint) h.endpoint = a.endpoint;
  }
  // A local span (no core annotations): its service is the endpoint of `lc` or of any annotation.
  if (halves.size === 0) {
    const local = half(undefined);
    const withEndpoint = binary.find((b) => b.key === 'lc' && isObject(b.endpoint)) ?? [...annotations, ...binary].find((x) => isObject(x.endpoint));
    if (withEndpoint) local.endpoint = withEndpoint.endpoint as Json;
  }
  const list = [...halves.values()];
  const owner = halves.get('CLIENT') ?? halves.get('PRODUCER') ?? list[0]!;
  const holder = (endpoint: unknown): Half => list.find((h) => sameService(endpoint, h.endpoint)) ?? owner;
  const spans = list.map((h) => {
    const span = h.span;
    span.traceId = v1.traceId;
    span.id = v1.id;
    if (v1.parentId !== undefined && v1.parentId !== null) span.parentId = v1.parentId;
    if (typeof v1.name === 'string') span.name = v1.name;
    if (h.kind) span.kind = h.kind;
    if (h.endpoint) span.localEndpoint = h.endpoint;
    const ownTimes = h === owner && micros(v1.timestamp) !== undefined;
    const timestamp = ownTimes ? micros(v1.timestamp) : h.begin;
    const duration = ownTimes && micros(v1.duration) !== undefined ? micros(v1.duration) : h.begin !== undefined && h.end !== undefined ? h.end - h.begin : undefined;
    if (timestamp !== undefined) span.timestamp = timestamp;
    else if (v1.timestamp !== undefined) span.timestamp = v1.timestamp; // malformed: let the v2 mapping name it
    if (duration !== undefined) span.duration = duration;
    if (h.kind === 'SERVER' && (halves.has('CLIENT') || micros(v1.timestamp) === undefined)) span.shared = true;
    if (v1.debug === true) span.debug = true;
    span.annotations = [];
    span.tags = {};
    return span;
  });
  for (const a of annotations) {
    if (typeof a.value === 'string' && CORE[a.value]) continue;
    (holder(a.endpoint).span.annotations as Json[]).push({ timestamp: a.timestamp, value: a.value });
  }
  for (const b of binary) {
    if (typeof b.key !== 'string') continue;
    const sides = ADDRESS[b.key];
    if (sides && b.value === true) {
      const target = list.find((h) => h.kind && sides.includes(h.kind)) ?? owner;
      if (isObject(b.endpoint)) target.span.remoteEndpoint = b.endpoint;
      continue;
    }
    (holder(b.endpoint).span.tags as Json)[b.key] = typeof b.value === 'string' ? b.value : JSON.stringify(b.value);
  }
  return spans;
}

/**
 * zipkin-js's v1 encoder writes local spans (tracer.local, LocalOperationStart) with no endpoint at all, so they
 * would have no service. Such a span takes the service of its parent in the same request — the SERVER half
 * when the parent id is shared, since a process's local work hangs under the call it serves — repeated so
 * chains of local spans inherit too.
 */
function inheritEndpoints(spans: Json[]): void {
  let missing = spans.filter((s) => !isObject(s.localEndpoint) && typeof s.parentId === 'string');
  for (let changed = true; changed && missing.length > 0;) {
    changed = false;
    for (const span of missing) {
      const parents = spans.filter((p) => p.id === span.parentId && p.traceId === span.traceId && isObject(p.localEndpoint));
      const parent = parents.find((p) => p.kind === 'SERVER') ?? parents[0];
      if (!parent) continue;
      span.localEndpoint = parent.localEndpoint;
      changed = true;
    }
    missing = missing.filter((s) => !isObject(s.localEndpoint));
  }
}

/** Each v1 span → one or two v2 spans; items that are not objects pass through (and are rejected later). */
export function zipkinV1ToV2(items: readonly unknown[]): unknown[] {
  const out = items.flatMap((item) => (isObject(item) ? convertOne(item) : [item]));
  inheritEndpoints(out.filter(isObject));
  return out;
}
