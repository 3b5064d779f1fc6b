import { describe, expect, it } from 'vitest';
import { parseLogql } from '@/lib/domain/logql/parse-logql';
import { compileLogSource } from './compile-logql';

const scope = { tenant: 't', startNs: 100n, endNs: 200n };

describe('compileLogSource', () => {
  it('puts every user value in parameters, never in the SQL text', () => {
    const evil = `x'; DROP TABLE logs; --`;
    const q = compileLogSource(parseLogql(`{app="${evil}", b=~"${evil}"} |= "${evil}" | json | ${'f'} = "${evil}"`), scope);
    expect(q.text).not.toContain('DROP');
    expect(q.values).toContain(evil);
    expect(q.values).toContain(`^(?:${evil})$`);
    expect(q.values).toContain(JSON.stringify({ app: evil }));
  });

  it('compiles matchers, filters and parsers to the expected SQL', () => {
    const q = compileLogSource(parseLogql('{app="api", env!="dev"} |~ "err" | logfmt | dur > 2s | n >= 3 | json | user != ""'), scope);
    expect(q.text).toContain('ls.labels @> $');
    expect(q.text).toContain('COALESCE(ls.labels ->> $');
    expect(q.text).toContain('l.line ~ $');
    expect(q.text).toContain('tracehound_duration_seconds(');
    expect(q.text).toContain('tracehound_try_float(');
    expect(q.text).toContain('tracehound_logfmt_value(l.line, $');
    expect(q.text).toContain('CROSS JOIN LATERAL (SELECT tracehound_try_jsonb(l.line) AS j) p');
    expect(q.values).toEqual(expect.arrayContaining(['t', '100', '200', 'env', 'dev', 'err', 'dur', 2, 'n', 3, 'user', '']));
    // The json field lookup only appears after | json: `dur` is resolved without p.j.
    const withoutJson = compileLogSource(parseLogql('{app="api"} | logfmt | dur > 2s'), scope);
    expect(withoutJson.text).not.toContain('p.j');
  });
});
