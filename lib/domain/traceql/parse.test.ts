import { describe, expect, it } from 'vitest';
import { SpanKind, StatusCode } from '../model/span';
import { MAX_NESTING_DEPTH, MAX_QUERY_LENGTH } from './limits';
import { parseTraceQL } from './parse';
import { TraceQLError } from './traceql-error';

function errorOf(query: string): TraceQLError {
  try {
    parseTraceQL(query);
  } catch (e) {
    if (e instanceof TraceQLError) return e;
    throw e;
  }
  throw new Error(`expected ${query} to be rejected`);
}

describe('parseTraceQL', () => {
  it('parses the status selector', () => {
    expect(parseTraceQL('{ status = error }')).toEqual({
      type: 'selector',
      pos: 0,
      condition: { type: 'comparison', field: { kind: 'intrinsic', name: 'status' }, op: '=', value: { type: 'status', code: StatusCode.ERROR }, pos: 2 },
    });
  });

  it('parses the trace diagnosis fields and names the finding types on a misspelt one', () => {
    expect(parseTraceQL('{ trace:finding = "timeout-cascade" }')).toEqual({
      type: 'selector',
      pos: 0,
      condition: { type: 'comparison', field: { kind: 'intrinsic', name: 'trace:finding' }, op: '=', value: { type: 'string', value: 'timeout-cascade' }, pos: 2 },
    });
    const q = parseTraceQL('{ trace:causeService =~ "pay.*" }');
    expect(q.type === 'selector' && q.condition?.type === 'comparison' && q.condition.field).toEqual({ kind: 'intrinsic', name: 'trace:causeService' });
    const e = errorOf('{ trace:cause = "timeout" }');
    expect(e.message).toMatch(/^expected a quoted finding type \(root-cause-error, .*n-plus-one.*clock-skew\) but found a string at position 16$/);
    expect(errorOf('{ trace:finding = 3 }').position).toBe(18);
  });

  it('parses durations exactly into nanoseconds', () => {
    const q = parseTraceQL('{ duration > 1.5s }');
    expect(q.type === 'selector' && q.condition?.type === 'comparison' && q.condition.value).toEqual({ type: 'duration', ns: 1_500_000_000n });
    const m = parseTraceQL('{ traceDuration >= 2m }');
    expect(m.type === 'selector' && m.condition?.type === 'comparison' && m.condition.value).toEqual({ type: 'duration', ns: 120_000_000_000n });
    const us = parseTraceQL('{ duration < 250us }');
    expect(us.type === 'selector' && us.condition?.type === 'comparison' && us.condition.value).toEqual({ type: 'duration', ns: 250_000n });
  });

  it('maps resource.service.name to the service column and scoped attributes to their scope', () => {
    const q = parseTraceQL('{ resource.service.name = "payment" && span.http.status_code >= 500 || .http.route =~ "/api/.*" && resource.host.name != "h1" }');
    expect(q).toMatchObject({
      type: 'selector',
      condition: {
        type: 'or',
        left: {
          type: 'and',
          left: { field: { kind: 'service' }, value: { type: 'string', value: 'payment' } },
          right: { field: { kind: 'attribute', scope: 'span', key: 'http.status_code' }, op: '>=', value: { type: 'number', text: '500' } },
        },
        right: {
          type: 'and',
          left: { field: { kind: 'attribute', scope: 'any', key: 'http.route' }, op: '=~' },
          right: { field: { kind: 'attribute', scope: 'resource', key: 'host.name' }, op: '!=' },
        },
      },
    });
  });

  it('parses kind, name, booleans and parentheses', () => {
    expect(parseTraceQL('{ kind = server && (name = "GET /" || span.cache.hit = true) }')).toMatchObject({
      condition: {
        type: 'and',
        left: { value: { type: 'kind', code: SpanKind.SERVER } },
        right: { type: 'or', right: { value: { type: 'bool', value: true } } },
      },
    });
  });

  it('parses structural operators left-associatively and tighter than && / ||', () => {
    const q = parseTraceQL('{ resource.service.name = "gateway" } >> { status = error } > { } || { name = "x" }');
    expect(q).toMatchObject({
      type: 'spanset-or',
      left: { type: 'child', parent: { type: 'descendant', parent: { pos: 0 }, child: { type: 'selector' } }, child: { condition: null } },
      right: { type: 'selector' },
    });
    expect(parseTraceQL('({ status = error } && { kind = client })')).toMatchObject({ type: 'spanset-and' });
  });

  it('accepts raw backquoted regexes and escapes in double-quoted strings', () => {
    expect(parseTraceQL('{ name =~ `GET \\d+` }')).toMatchObject({ condition: { value: { value: 'GET \\d+' } } });
    expect(parseTraceQL('{ span.q = "say \\"hi\\"" }')).toMatchObject({ condition: { value: { value: 'say "hi"' } } });
  });

  describe('rejects malformed and hostile input with a positioned message', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['', 0, /expected a span selector/],
      ['{ status = error', 16, /expected '}'/],
      ['{ status = 500 }', 11, /expected a status/],
      ['{ status > error }', 9, /status to be compared with = or !=/],
      ['{ duration > 5 }', 13, /expected a duration/],
      ['{ duration > 5parsecs }', 14, /expected a duration unit/],
      ['{ name = foo }', 9, /expected a status|expected a quoted string/],
      ['{ bogus = 1 }', 2, /expected a field/],
      ['{ status = error }; DROP TABLE spans', 18, /unexpected character ';'/],
      ['{ name = "x" } -- comment', 15, /expected a number or a duration|unexpected character/],
      ['{ name = "x" } /* c */', 15, /unexpected character '\/'/],
      ["{ name = 'x' }", 9, /unexpected character '''/],
      ['{ name = "unterminated }', 24, /expected closing " for the string that starts at position 9/],
      ['{ name =~ "(" }', 10, /expected a valid regular expression/],
      ['{ status = error } { status = ok }', 19, /expected '&&', '\|\|', '>>', '>' or end of query/],
      ['{ a.b & c }', 6, /expected '&&'/],
      ['{ status = error } >> ', 22, /expected '\{'/],
      // PostgreSQL text cannot hold NUL: refused in the string, before it reaches SQL.
      ['{ span.x = "\u0000" } \u0001', 12, /NUL characters are not allowed/],
      ['{ span.x = "x" } \u0001', 17, /unexpected character '\\u0001'/],
      ['{ duration > 99999999999h }', 13, /duration 99999999999h is out of range/],
    ];
    it.each(cases)('%j → position %i', (query, position, message) => {
      const error = errorOf(query);
      expect(error.position).toBe(position);
      expect(error.message).toMatch(message);
      expect(error.message).toContain(`at position ${position}`);
    });
  });

  it('caps input length and nesting depth', () => {
    const huge = `{ name = "${'a'.repeat(MAX_QUERY_LENGTH)}" }`;
    expect(errorOf(huge).message).toMatch(/query is too long/);
    const deep = `{ ${'('.repeat(MAX_NESTING_DEPTH)}status = error${')'.repeat(MAX_NESTING_DEPTH)} }`;
    expect(errorOf(deep).message).toMatch(/nesting is too deep/);
    const ok = `{ ${'('.repeat(MAX_NESTING_DEPTH - 2)}status = error${')'.repeat(MAX_NESTING_DEPTH - 2)} }`;
    expect(() => parseTraceQL(ok)).not.toThrow();
  });

  it('caps the number of selectors and conditions', () => {
    expect(errorOf(Array.from({ length: 9 }, () => '{ status = error }').join(' || ')).message).toMatch(/too many span selectors/);
    expect(errorOf(`{ ${Array.from({ length: 65 }, () => 'status = error').join(' && ')} }`).message).toMatch(/too many conditions/);
  });
});
