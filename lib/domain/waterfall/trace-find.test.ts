import { describe, expect, it } from 'vitest';
import { attributePrefilterTerms, attributesMatch, findQueryText } from './attribute-find';
import { attachFullSpans, buildWaterfall } from './build-waterfall';
import { skeletonColumnsFromTuples } from './skeleton-columns';
import { markSpanIds, matchesInOrder, skeletonMatchMask } from './trace-find';
import { nodeOfSpanId } from './waterfall-data';
import type { SkeletonSpan, WireTrace } from './waterfall-wire';

// root [frontend] ── a "GET /cart" [cart] ── b "SELECT" [db] status "Deadlock"
//                 └─ c "render" [frontend]
const id = (n: number) => n.toString(16).padStart(16, '0');
const host = { id: null, name: null, ip: null, serviceInstanceId: null };

function store() {
  const spans: SkeletonSpan[] = [
    [id(0xc), id(1), 'render', 1, 30, 40, 0, '', null, 0],
    [id(0xb), id(0xa), 'SELECT', 3, 12, 18, 2, 'Deadlock', null, 2],
    [id(1), null, 'root', 2, 0, 50, 0, '', null, 0],
    [id(0xa), id(1), 'GET /cart', 3, 10, 20, 0, '', null, 1],
  ];
  const resources = ['frontend', 'cart', 'db'].map((serviceName) => ({ serviceName, attributes: {}, host }));
  return buildWaterfall(skeletonColumnsFromTuples({ traceId: 'a'.repeat(32), baseUnixNano: '1', spans, resources }), null);
}

function names(s: ReturnType<typeof store>, matches: Int32Array): string[] {
  return [...matches].map((node) => s.skeleton.names[s.skeleton.nameIndex[node]!]!);
}

describe('find in the worker', () => {
  it('matches names, services, status messages and span ids case-insensitively, in pre-order', () => {
    const s = store();
    const find = (q: string) => names(s, matchesInOrder(s.raw.order, skeletonMatchMask(s, findQueryText(q))));
    expect(find('CART')).toEqual(['GET /cart']);
    expect(find('frontend')).toEqual(['root', 'render']);
    expect(find('deadlock')).toEqual(['SELECT']);
    expect(find('000000000000000b')).toEqual(['SELECT']);
    // Not across two concatenated ids (…000a|0000…).
    expect(find('a0000')).toEqual([]);
    expect(find('  ')).toEqual([]);
  });

  it('adds the server attribute matches by span id; unknown or malformed ids change nothing', () => {
    const s = store();
    const mask = skeletonMatchMask(s, 'render');
    markSpanIds(s, [id(0xa), id(0x99), 'not-an-id'], mask);
    expect(names(s, matchesInOrder(s.raw.order, mask))).toEqual(['GET /cart', 'render']);
  });

  it('a trace opened from a file matches its attributes in the worker', () => {
    const s = store();
    const full: WireTrace = { traceId: 'a'.repeat(32), resources: [], spans: [[id(0xc), id(1), 'render', 1, '0', '0', 0, '', { 'tmpl.name': { stringValue: 'Checkout.HTML' } }, null, null, 0]] };
    attachFullSpans(s, full);
    expect([...matchesInOrder(s.raw.order, skeletonMatchMask(s, 'tmpl.name=checkout'))]).toEqual([nodeOfSpanId(s.data, id(0xc))]);
  });
});

describe('attribute find rule', () => {
  it("matches one attribute's key=value text, values flattened as the detail panel shows them", () => {
    const attributes = { 'http.status_code': { intValue: '503' }, tags: { arrayValue: { values: [{ stringValue: 'a' }, { boolValue: true }] } } };
    expect(attributesMatch(attributes, 'status_code=503')).toBe(true);
    expect(attributesMatch(attributes, '["a","true"]')).toBe(true);
    expect(attributesMatch(attributes, '503\ntags')).toBe(false);
    expect(attributesMatch({}, 'a')).toBe(false);
  });

  it('pre-filter terms are the query runs between separators, ASCII only', () => {
    expect(attributePrefilterTerms('http.route=/api/items/7')).toEqual(['http.route', '/api/items/7']);
    expect(attributePrefilterTerms('["a","b"]')).toEqual(['a', 'b']);
    expect(attributePrefilterTerms('straße x')).toEqual([]);
    expect(attributePrefilterTerms('100%_x')).toEqual(['100%_x']);
  });
});
