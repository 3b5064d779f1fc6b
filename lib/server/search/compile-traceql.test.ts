import { describe, expect, it } from 'vitest';
import { parseTraceQL } from '@/lib/domain/traceql/parse';
import { compileSpanset, withClause } from './compile-traceql';
import { sql } from '../db/sql-template';

const scope = { tenant: 'default', fromNs: 1n, toNs: 2n };

function compile(query: string) {
  const compiled = compileSpanset(parseTraceQL(query), scope);
  return sql`${withClause(compiled)} SELECT * FROM ${compiled.root}`;
}

describe('compileSpanset', () => {
  it('keeps attribute keys, values and regexes out of the SQL text', () => {
    const hostileKey = "x') OR 1=1; --";
    const q = compile(`{ span.ab = 1 } && { .ab =~ "'; DROP TABLE spans; --" }`);
    expect(q.text).not.toContain('DROP');
    const keyed = compileSpanset(
      {
        type: 'selector',
        pos: 0,
        condition: { type: 'comparison', pos: 0, op: '=', field: { kind: 'attribute', scope: 'span', key: hostileKey }, value: { type: 'string', value: "'; DROP TABLE spans; --" } },
      },
      scope,
    );
    const text = sql`${withClause(keyed)} SELECT 1`;
    expect(text.text).not.toContain('OR 1=1');
    expect(text.text).not.toContain('DROP');
    expect(text.values).toContain(JSON.stringify({ [hostileKey]: { stringValue: "'; DROP TABLE spans; --" } }));
  });

  it('numbers placeholders consistently across CTEs', () => {
    const q = compile('{ resource.service.name = "gateway" } >> { status = error && span.http.route =~ "/a.*" }');
    const placeholders = [...q.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
    expect(Math.max(...placeholders)).toBe(q.values.length);
    expect(q.values).toContain('gateway');
    expect(q.values).toContain('/a.*');
    expect(q.values).toContain('http.route');
    expect(q.text).toMatch(/^WITH RECURSIVE q\d+ AS/);
  });

  it('records regex positions for error reporting', () => {
    expect(compileSpanset(parseTraceQL('{ status = error && name =~ "a" }'), scope).regexPositions).toEqual([20]);
  });
});
