// fast-check arbitraries of hostile ingest bodies, shared by the decoder fuzz tests (unit) and the full-HTTP
// fuzz test (integration). Structurally plausible bodies with poison in every field reach the mappers and the
// writers, not just the JSON parser: NUL and lone surrogates, 3 KB names, integers past int4/int8, absurd
// times, deep nesting, wrong types. Times are mostly "now" (or a few fixed extremes) so a run creates only a
// handful of day partitions.
import fc from 'fast-check';
import { compress } from 'snappyjs';
import { PushRequestType } from '@/lib/domain/loki/logproto';
import { OtlpProto } from '@/lib/domain/otlp/otlp-proto-schema';

const MAX_INT8 = '9223372036854775807';
const NOW_NS = BigInt(Date.now()) * 1_000_000n;

const nastyChar = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('\0', '\uD800', '\uDC00', '\uDBFF', '\uFFFF', '"', '\\', '\n', '{', '=') },
  { weight: 1, arbitrary: fc.constantFrom('😀', 'é', '€') },
);

export const nastyString = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: nastyChar, maxLength: 24 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '__proto__', 'constructor', 'x'.repeat(3000), '€'.repeat(1200), 'a\0'.repeat(600), '\uD800'.repeat(1000)) },
);

/** Integers for uint32 fields: mostly in range or past int4 (valid for the decoder), rarely junk (→ 400). */
export const nastyInt = fc.oneof(
  { weight: 30, arbitrary: fc.integer({ min: 0, max: 10 }) },
  { weight: 20, arbitrary: fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53, 1e29) },
  { weight: 1, arbitrary: fc.constantFrom<number>(-1, 1.5, -(2 ** 31) - 1) },
);

/** An int64 time as OTLP JSON carries it: mostly now, sometimes junk or past the int8 range. */
export const nastyNs = fc.oneof(
  { weight: 40, arbitrary: fc.integer({ min: -5_000_000, max: 5_000_000 }).map((d) => String(NOW_NS + BigInt(d) * 1000n)) },
  { weight: 10, arbitrary: fc.constantFrom<unknown>('0', '-1', MAX_INT8, '9223372036854775808', '18446744073709551615', 1e29, null, -5, '99999999999999999999999999') },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('1e29', 'abc', '', 1.5) },
);

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
export const nastyTraceId = fc.oneof(
  { weight: 8, arbitrary: fc.uint8Array({ minLength: 16, maxLength: 16 }).map(hexOf) },
  { weight: 1, arbitrary: fc.constantFrom('', '0'.repeat(32), 'zz', 'A'.repeat(32), 'a'.repeat(64)) },
  { weight: 1, arbitrary: nastyString },
);
export const nastySpanId = fc.oneof(
  { weight: 8, arbitrary: fc.uint8Array({ minLength: 8, maxLength: 8 }).map(hexOf) },
  { weight: 1, arbitrary: fc.constantFrom('', '0'.repeat(16), 'xyz', 'F'.repeat(16)) },
  { weight: 1, arbitrary: nastyString },
);

/** One kvlist nested 5,000 deep (a stack-overflow probe) as JSON text, built without recursion. */
export const DEEP_KVLIST_JSON = `${'{"kvlistValue":{"values":[{"key":"k","value":'.repeat(5000)}{"stringValue":"bottom"}${'}]}}'.repeat(5000)}`;
const DEEP_MARKER = { deepKvlistPlaceholder: true };
const DEEP_MARKER_JSON = JSON.stringify(DEEP_MARKER);
/** JSON.stringify, with the placeholder replaced by the deep kvlist (JSON.stringify itself would overflow). */
const stringifyWithDeep = (o: unknown) => JSON.stringify(o).replaceAll(DEEP_MARKER_JSON, DEEP_KVLIST_JSON);

const { anyValue } = fc.letrec<{ anyValue: unknown }>((tie) => ({
  anyValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 50, arbitrary: fc.record({ stringValue: nastyString }) },
    { weight: 15, arbitrary: fc.record({ intValue: fc.constantFrom<unknown>('1', -3, '99999999999999999999999', MAX_INT8, '-9223372036854775809') }) },
    { weight: 15, arbitrary: fc.record({ doubleValue: fc.oneof(fc.double(), fc.constantFrom<unknown>('NaN', 'Infinity', '-0')) }) },
    { weight: 10, arbitrary: fc.record({ boolValue: fc.boolean() }) },
    { weight: 10, arbitrary: fc.record({ bytesValue: nastyString }) },
    { weight: 15, arbitrary: fc.record({ arrayValue: fc.record({ values: fc.array(tie('anyValue'), { maxLength: 3 }) }) }) },
    { weight: 15, arbitrary: fc.record({ kvlistValue: fc.record({ values: fc.array(fc.record({ key: nastyString, value: tie('anyValue') }), { maxLength: 3 }) }) }) },
    { weight: 5, arbitrary: fc.constant<unknown>({}) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>({ boolValue: 'yes' }, { intValue: 'x' }, { doubleValue: 'x' }, { stringValue: 5 }, 7) },
  ),
}));

const keyValues = fc.oneof(
  { weight: 300, arbitrary: fc.array(fc.record({ key: nastyString, value: anyValue }), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant([{ key: 'deep', value: DEEP_MARKER }]) },
);

const jsonSpan = fc.record(
  {
    traceId: nastyTraceId,
    spanId: nastySpanId,
    parentSpanId: fc.oneof(fc.constant(''), nastySpanId),
    traceState: nastyString,
    flags: nastyInt,
    name: nastyString,
    kind: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constantFrom<unknown>('SPAN_KIND_SERVER', 2 ** 40)),
    startTimeUnixNano: nastyNs,
    endTimeUnixNano: nastyNs,
    attributes: keyValues,
    droppedAttributesCount: nastyInt,
    events: fc.array(fc.record({ timeUnixNano: nastyNs, name: nastyString, attributes: keyValues, droppedAttributesCount: nastyInt }, { requiredKeys: [] }), { maxLength: 2 }),
    droppedEventsCount: nastyInt,
    links: fc.array(fc.record({ traceId: nastyTraceId, spanId: nastySpanId, traceState: nastyString, attributes: keyValues, flags: nastyInt }, { requiredKeys: [] }), { maxLength: 2 }),
    status: fc.record({ code: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constant<unknown>('STATUS_CODE_ERROR')), message: nastyString }, { requiredKeys: [] }),
  },
  { requiredKeys: ['traceId', 'spanId', 'startTimeUnixNano', 'endTimeUnixNano'] },
);

const resource = fc.record({ attributes: fc.tuple(fc.oneof(nastyString, fc.constant('svc')), keyValues).map(([s, kv]) => [{ key: 'service.name', value: { stringValue: s } }, ...kv]) });
const scope = fc.record({ name: nastyString, version: nastyString, attributes: keyValues }, { requiredKeys: [] });

/** An OTLP JSON trace request object (structurally plausible, values hostile). */
export const otlpJsonTraceObject = fc.record({
  resourceSpans: fc.array(fc.record({ resource, scopeSpans: fc.array(fc.record({ scope, spans: fc.array(jsonSpan, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 2 }) }), {
    minLength: 1,
    maxLength: 2,
  }),
});

const logRecord = fc.record(
  {
    timeUnixNano: nastyNs,
    observedTimeUnixNano: nastyNs,
    severityNumber: fc.oneof(fc.integer({ min: -2, max: 30 }), fc.constantFrom<unknown>('SEVERITY_NUMBER_WARN', 99999, 2 ** 40)),
    severityText: nastyString,
    body: anyValue,
    attributes: keyValues,
    traceId: fc.oneof(fc.constant(''), nastyTraceId),
    spanId: fc.oneof(fc.constant(''), nastySpanId),
    flags: nastyInt,
    eventName: nastyString,
  },
  { requiredKeys: ['timeUnixNano'] },
);

export const otlpJsonLogsObject = fc.record({
  resourceLogs: fc.array(fc.record({ resource, scopeLogs: fc.array(fc.record({ scope, logRecords: fc.array(logRecord, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 2 }) }), {
    minLength: 1,
    maxLength: 2,
  }),
});

/** Bodies that are not even structurally right: any JSON, truncated JSON, wrong top-level types. */
const junkJson = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.string({ unit: nastyChar, maxLength: 40 }),
  fc.constantFrom('', '{', '[]', 'null', '{"resourceSpans":{}}', '{"resourceLogs":[1]}', '{"streams":"x"}', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['.repeat(200)),
);

export const otlpJsonTraceBody = fc.oneof({ weight: 10, arbitrary: otlpJsonTraceObject.map(stringifyWithDeep) }, { weight: 1, arbitrary: junkJson });
export const otlpJsonLogsBody = fc.oneof({ weight: 10, arbitrary: otlpJsonLogsObject.map(stringifyWithDeep) }, { weight: 1, arbitrary: junkJson });

// Protobuf: the same kind of content encoded with protobufjs (ids as bytes, times as fixed64), mutated bytes of
// valid bodies, and random bytes.
const protoNs = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -5_000_000, max: 5_000_000 }).map((d) => String(NOW_NS + BigInt(d) * 1000n)) },
  { weight: 1, arbitrary: fc.constantFrom('0', MAX_INT8, '9223372036854775808', '18446744073709551615') },
);
const idBytes = (n: number) => fc.oneof({ weight: 8, arbitrary: fc.uint8Array({ minLength: n, maxLength: n }) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }) });
const protoAnyValue = fc.oneof(
  fc.record({ stringValue: nastyString }),
  fc.record({ intValue: fc.constantFrom('1', '-9223372036854775808', MAX_INT8) }),
  fc.record({ doubleValue: fc.double() }),
  fc.record({ bytesValue: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ arrayValue: fc.record({ values: fc.array(fc.record({ stringValue: nastyString }), { maxLength: 3 }) }) }),
);
const protoKeyValues = fc.array(fc.record({ key: nastyString, value: protoAnyValue }), { maxLength: 4 });
const u32 = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom(2 ** 31, 2 ** 32 - 1));
const protoSpan = fc.record({
  traceId: idBytes(16),
  spanId: idBytes(8),
  parentSpanId: fc.oneof(fc.constant(new Uint8Array()), idBytes(8)),
  traceState: nastyString,
  flags: u32,
  name: nastyString,
  kind: fc.integer({ min: -1, max: 9 }),
  startTimeUnixNano: protoNs,
  endTimeUnixNano: protoNs,
  attributes: protoKeyValues,
  droppedAttributesCount: u32,
  events: fc.array(fc.record({ timeUnixNano: protoNs, name: nastyString, attributes: protoKeyValues, droppedAttributesCount: u32 }), { maxLength: 2 }),
  status: fc.record({ code: fc.integer({ min: -1, max: 5 }), message: nastyString }),
});
const protoTrace = fc.record({
  resourceSpans: fc.array(
    fc.record({
      resource: fc.record({ attributes: fc.tuple(nastyString, protoKeyValues).map(([s, kv]) => [{ key: 'service.name', value: { stringValue: s } }, ...kv]) }),
      scopeSpans: fc.array(fc.record({ scope: fc.record({ name: nastyString }), spans: fc.array(protoSpan, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});

function encodeTrace(o: unknown): Uint8Array {
  const T = OtlpProto.ExportTraceServiceRequest;
  return T.encode(T.fromObject(o as Record<string, unknown>)).finish();
}

/** A nested AnyValue in protobuf, `depth` kvlists deep (hand-encoded: protobufjs would recurse too). */
function deepProtoBody(depth: number): Uint8Array {
  const varint = (n: number) => {
    const out: number[] = [];
    while (n > 127) {
      out.push((n & 127) | 128);
      n >>>= 7;
    }
    out.push(n);
    return Buffer.from(out);
  };
  const field = (f: number, body: Buffer) => Buffer.concat([Buffer.from([(f << 3) | 2]), varint(body.length), body]);
  const k = field(1, Buffer.from('k'));
  let value = field(1, Buffer.from('x')); // AnyValue{stringValue:"x"}
  for (let i = 0; i < depth; i++) value = field(6, field(1, Buffer.concat([k, field(2, value)]))); // kvlist{values:[{key:"k",value}]}
  const attribute = Buffer.concat([k, field(2, value)]);
  const span = Buffer.concat([field(1, Buffer.alloc(16, 1)), field(2, Buffer.alloc(8, 2)), field(9, attribute)]);
  return new Uint8Array(field(1, field(2, field(2, span))));
}
export const DEEP_PROTO_TRACE = deepProtoBody(2000);

const mutate = (body: Uint8Array) =>
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'cut', 'insert')), { minLength: 1, maxLength: 4 }).map((ops) => {
    let bytes = Array.from(body);
    for (const [at, byte, op] of ops) {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      if (op === 'set') bytes[i] = byte;
      else if (op === 'cut') bytes = bytes.slice(0, i);
      else bytes.splice(i, 0, byte);
    }
    return Uint8Array.from(bytes);
  });

export const otlpProtoTraceBody: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 6, arbitrary: protoTrace.map(encodeTrace) },
  { weight: 2, arbitrary: protoTrace.map(encodeTrace).chain(mutate) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  { weight: 1, arbitrary: fc.constant(DEEP_PROTO_TRACE) },
);

/** Zipkin v2 span arrays. */
const zipkinMicros = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -5_000_000, max: 5_000_000 }).map((d) => Date.now() * 1000 + d) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(1e29, -1, 0, 2 ** 53, 2 ** 53 + 2, '17000000000000000', '99999999999999999999999', 1.5, 'x', null) },
);
const zipkinSpan = fc.record(
  {
    traceId: fc.oneof(nastyTraceId, fc.uint8Array({ minLength: 8, maxLength: 8 }).map(hexOf)),
    id: nastySpanId,
    parentId: fc.oneof(nastySpanId, fc.constant<unknown>(null)),
    name: nastyString,
    kind: fc.constantFrom<unknown>('CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER', 'bogus', 3),
    timestamp: zipkinMicros,
    duration: zipkinMicros,
    debug: fc.oneof(fc.boolean(), fc.constant<unknown>('yes')),
    localEndpoint: fc.record({ serviceName: nastyString, ipv4: nastyString, ipv6: nastyString, port: nastyInt }, { requiredKeys: [] }),
    remoteEndpoint: fc.record({ serviceName: nastyString, ipv4: nastyString, port: nastyInt }, { requiredKeys: [] }),
    annotations: fc.array(fc.record({ timestamp: zipkinMicros, value: nastyString }, { requiredKeys: [] }), { maxLength: 2 }),
    tags: fc.dictionary(nastyString, fc.oneof(nastyString, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 4 }),
  },
  { requiredKeys: ['traceId', 'id', 'timestamp'] },
);
const deepArray = `[{"traceId":"${'a'.repeat(32)}","id":"${'b'.repeat(16)}","timestamp":${Date.now() * 1000},"tags":{"deep":${'['.repeat(20000)}${']'.repeat(20000)}}}]`;
export const zipkinBody = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(fc.oneof({ weight: 9, arbitrary: zipkinSpan }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }), { minLength: 1, maxLength: 3 }).map((a) => JSON.stringify(a)),
  },
  { weight: 1, arbitrary: junkJson },
  { weight: 1, arbitrary: fc.constant(deepArray) },
);

/** Loki pushes, JSON and snappy protobuf. */
const labelName = fc.oneof({ weight: 30, arbitrary: fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/) }, { weight: 1, arbitrary: nastyString });
const lokiNs = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: -5_000_000, max: 5_000_000 }).map((d) => String(NOW_NS + BigInt(d) * 1000n)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('0', MAX_INT8, '9223372036854775808', '-1', '1e29', 1e29, 'x', '') },
);
const lokiStream = fc.record({
  stream: fc.dictionary(labelName, nastyString, { minKeys: 1, maxKeys: 3 }),
  values: fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.tuple(lokiNs, nastyString) },
      { weight: 5, arbitrary: fc.tuple(lokiNs, nastyString, fc.dictionary(nastyString, nastyString, { maxKeys: 3 })) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    ),
    { minLength: 1, maxLength: 3 },
  ),
});
export const lokiJsonBody = fc.oneof(
  { weight: 6, arbitrary: fc.record({ streams: fc.array(lokiStream, { minLength: 1, maxLength: 2 }) }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: junkJson },
);

const goLabelValue = (s: string) => JSON.stringify(s);
/** Strings for Loki protobuf: lone surrogates only rarely (encoded, they are invalid UTF-8, which makes the whole push a 400). */
const wellFormedChar = fc.oneof({ weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }, { weight: 2, arbitrary: fc.constantFrom('\0', '"', '\\', '\n', '{', '=', '😀') });
const protoString = fc.oneof({ weight: 30, arbitrary: fc.string({ unit: wellFormedChar, maxLength: 24 }) }, { weight: 1, arbitrary: nastyString });
const lokiProtoPush = fc.record({
  streams: fc.array(
    fc.record({
      labels: fc.oneof(
        {
          weight: 5,
          arbitrary: fc.dictionary(labelName, protoString, { minKeys: 1, maxKeys: 3 }).map(
            (d) =>
              `{${Object.entries(d)
                .map(([k, v]) => `${k}=${goLabelValue(v)}`)
                .join(', ')}}`,
          ),
        },
        { weight: 1, arbitrary: protoString },
      ),
      entries: fc.array(
        fc.record({
          timestamp: fc.record({
            seconds: fc.oneof(
              { weight: 20, arbitrary: fc.integer({ min: -5000, max: 5000 }).map((d) => Math.floor(Date.now() / 1000) + d) },
              { weight: 1, arbitrary: fc.constantFrom(0, -1, 2 ** 40) },
            ),
            nanos: fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0, max: 999_999_999 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 2 ** 31 - 1) }),
          }),
          line: protoString,
          structuredMetadata: fc.array(fc.record({ name: protoString, value: protoString }), { maxLength: 2 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});
export const lokiProtoBody: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 6, arbitrary: lokiProtoPush.map((o) => compress(PushRequestType.encode(PushRequestType.fromObject(o)).finish()) as Uint8Array) },
  {
    weight: 1,
    arbitrary: lokiProtoPush
      .map((o) => PushRequestType.encode(PushRequestType.fromObject(o)).finish())
      .chain(mutate)
      .map((b) => compress(b) as Uint8Array),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
);
