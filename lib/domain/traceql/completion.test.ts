import { describe, expect, it } from 'vitest';
import { applySuggestion, completeTraceQL, type CompletionSources } from './completion';

const sources: CompletionSources = {
  intrinsics: ['duration', 'kind', 'name', 'status'],
  spanTags: ['http.route', 'http.status_code'],
  resourceTags: ['host.name', 'service.name'],
  valuesOf: (field) =>
    ({
      'resource.service.name': [
        { value: 'gateway', type: 'string' },
        { value: 'payment', type: 'string' },
        { value: 'pay "x"', type: 'string' },
      ],
      status: [
        { value: 'error', type: 'keyword' },
        { value: 'ok', type: 'keyword' },
      ],
      '.http.status_code': [
        { value: '200', type: 'int' },
        { value: '500', type: 'int' },
      ],
    })[field],
};

/** Completes at the `|` in `text` and returns the suggestion labels. */
function at(text: string) {
  const cursor = text.indexOf('|');
  const c = completeTraceQL(text.replace('|', ''), cursor, sources);
  return { kind: c?.kind, field: c?.field, labels: c?.suggestions.map((s) => s.label) ?? null, completion: c };
}

describe('completeTraceQL', () => {
  it('opens a selector on an empty query', () => {
    expect(at('|').labels).toEqual(['{ }']);
  });

  it('offers intrinsics and scoped attribute names after `{ `', () => {
    expect(at('{ |').labels).toEqual(['duration', 'kind', 'name', 'status', 'resource.host.name', 'resource.service.name', 'span.http.route', 'span.http.status_code']);
    expect(at('{ st|').labels).toEqual(['status']);
    expect(at('{ status = error && |').kind).toBe('field');
  });

  it('narrows by scope after `span.`, `resource.` and `.`', () => {
    expect(at('{ span.|').labels).toEqual(['span.http.route', 'span.http.status_code']);
    expect(at('{ resource.s|').labels).toEqual(['resource.service.name']);
    expect(at('{ .h|').labels).toEqual(['.host.name', '.http.route', '.http.status_code']);
  });

  it('offers operators after a field and values of that field after an operator', () => {
    expect(at('{ status |').labels).toEqual(['=', '!=', '>', '>=', '<', '<=', '=~', '!~']);
    const values = at('{ resource.service.name = |');
    expect(values).toMatchObject({ kind: 'value', field: 'resource.service.name' });
    expect(values.labels).toEqual(['"gateway"', '"payment"', '"pay \\"x\\""']);
    expect(at('{ status = |').labels).toEqual(['error', 'ok']);
    expect(at('{ .http.status_code >= 5|').labels).toEqual(['500']);
  });

  it('completes inside an open string', () => {
    const c = at('{ resource.service.name = "pa|');
    expect(c.labels).toEqual(['"payment"', '"pay \\"x\\""']);
    expect(c.completion?.from).toBe(26);
  });

  it('offers connectors after a value and spanset operators after `}`', () => {
    expect(at('{ status = error |').labels).toEqual(['&&', '||', '}']);
    expect(at('{ duration > 1s |').labels).toEqual(['&&', '||', '}']);
    expect(at('{ status = error } |').labels).toEqual(['&&', '||', '>>', '>']);
  });

  it('gives nothing for text that does not tokenize, or for values not loaded', () => {
    expect(at('{ status = error; |').labels).toBeNull();
    expect(at('{ .unknown = |').labels).toEqual([]);
  });

  it('applies a suggestion in place, replacing a typed closing quote', () => {
    const text = '{ resource.service.name = "pa" }';
    const c = completeTraceQL(text, 29, sources)!;
    const payment = c.suggestions.find((s) => s.label === '"payment"')!;
    expect(applySuggestion(text, 29, c, payment)).toEqual({ text: '{ resource.service.name = "payment" }', cursor: 35 });
    const field = completeTraceQL('{ sta && x', 5, sources)!;
    expect(applySuggestion('{ sta && x', 5, field, field.suggestions[0]!)).toEqual({ text: '{ status && x', cursor: 8 });
  });
});
