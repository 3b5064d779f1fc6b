import { describe, expect, it } from 'vitest';
import { parseLogqlExpr } from '../logql/parse-logql-expr';
import { parseTraceQL } from '../traceql/parse';
import { regexCostProblem } from './regex-cost';

describe('regexCostProblem', () => {
  it.each(['.*', '/api/.*', '(\\d+\\.){3}\\d+', 'a{5}', '[(]{50}', '(ab){20}', '(a|b)+', '\\({30}', 'x{2,}'])('accepts %s', (re) => {
    expect(regexCostProblem(re)).toBeNull();
  });

  it.each([
    ['(.*a){25}', 5, /repeated at most 10 times/],
    ['((a+)b){11}', 7, /repeated at most 10 times/],
    ['(a*){2,}', 4, /repeated at most 10 times/],
    ['a{5000}', 1, /repetition count above 100/],
    ['x'.repeat(1001), 1000, /longer than 1000/],
  ])('refuses %s at %i', (re, offset, message) => {
    const problem = regexCostProblem(re);
    expect(problem?.offset).toBe(offset);
    expect(problem?.message).toMatch(message);
  });

  it('is applied by the TraceQL and LogQL parsers with the position of the regex', () => {
    expect(() => parseTraceQL('{ name =~ "(.*a){25}" }')).toThrow(/repeated at most 10 times.* in the regular expression at position 10/);
    expect(() => parseTraceQL('{ name =~ "(.*a){5}" }')).not.toThrow();
    expect(() => parseLogqlExpr('{app=~"(.*a){25}"}')).toThrow(/repeated at most 10 times/);
    expect(() => parseLogqlExpr('{app="x"} |~ "(.*a){25}"')).toThrow(/repeated at most 10 times/);
    expect(() => parseLogqlExpr('{app="x"} | json | msg =~ "(.*a){25}"')).toThrow(/repeated at most 10 times/);
  });
});
