import { describe, expect, it } from 'vitest';
import { parseLogql } from './parse-logql';
import { parseLogqlExpr } from './parse-logql-expr';

const APP_A = { matchers: [{ name: 'app', op: '=', value: 'a' }], pipeline: [] };

describe('parseLogqlExpr', () => {
  it("parses Grafana Loki's health check vector(1)+vector(1)", () => {
    expect(parseLogqlExpr('vector(1)+vector(1)')).toEqual({
      kind: 'metric',
      expr: { kind: 'binary', op: '+', bool: false, left: { kind: 'literal', value: 1, vector: true }, right: { kind: 'literal', value: 1, vector: true } },
    });
  });

  it('parses the log volume query with the grouping before or after', () => {
    const expected = {
      kind: 'aggregate',
      op: 'sum',
      param: null,
      grouping: { without: false, labels: ['level', 'app'] },
      inner: {
        kind: 'range',
        fn: 'count_over_time',
        rangeSeconds: 90,
        unwrap: null,
        param: null,
        grouping: null,
        query: {
          matchers: APP_A.matchers,
          pipeline: [
            { kind: 'line', op: '|=', value: 'x' },
            { kind: 'labels', filters: [] },
          ],
        },
      },
    };
    expect(parseLogqlExpr('sum by (level, app) (count_over_time({app="a"} |= "x" | drop __error__ [1m30s]))')).toEqual({ kind: 'metric', expr: expected });
    expect(parseLogqlExpr('sum(count_over_time({app="a"} |= "x" | drop __error__ [1m30s])) by (level, app)')).toEqual({ kind: 'metric', expr: expected });
  });

  it('respects precedence: * before +, ^ right-associative, comparisons last', () => {
    const e = parseLogqlExpr('1 + 2 * 3 ^ 2 ^ 1 > bool 4');
    expect(e).toMatchObject({ expr: { op: '>', bool: true, left: { op: '+', right: { op: '*', right: { op: '^', right: { op: '^' } } } }, right: { value: 4 } } });
  });

  it('parses unwrap, quantile, topk and without', () => {
    expect(parseLogqlExpr('quantile_over_time(0.99, {app="a"} | json | unwrap duration(latency) | __error__="" [5m]) by (route)')).toMatchObject({
      expr: { kind: 'range', fn: 'quantile_over_time', param: 0.99, unwrap: { field: 'latency', conversion: 'duration' }, grouping: { without: false, labels: ['route'] }, rangeSeconds: 300 },
    });
    expect(parseLogqlExpr('topk(3, sum without (pod) (rate({app="a"}[1m])))')).toMatchObject({
      expr: { kind: 'aggregate', op: 'topk', param: 3, inner: { op: 'sum', grouping: { without: true, labels: ['pod'] }, inner: { fn: 'rate' } } },
    });
    expect(parseLogqlExpr('{app="a"} |= "x"')).toEqual({ kind: 'log', query: parseLogql('{app="a"} |= "x"') });
  });

  it.each([
    ['count_over_time({app="a"}[soon])', /bad range "soon"/],
    ['sum_over_time({app="a"}[1m])', /needs "\| unwrap <field>"/],
    ['count_over_time({app="a"} | unwrap x [1m])', /counts lines/],
    ['quantile_over_time(2, {app="a"} | unwrap x [1m])', /between 0 and 1/],
    ['topk(0, rate({app="a"}[1m]))', /whole number k/],
    ['rate({app="a"}[1m]) / on (x) rate({app="a"}[1m])', /vector matching with "on"/],
    ['rate({app="a"}[1m]) or vector(0)', /set operator "or"/],
    ['last_over_time({app="a"} | unwrap x [1m])', /"last_over_time" is not supported/],
    ['vector(1) +', /expected a number/],
    ['{app="a"} | unwrap x', /only allowed inside a range function/],
  ])('rejects %s', (text, message) => {
    expect(() => parseLogqlExpr(text)).toThrow(message);
  });
});
