import { describe, expect, it } from 'vitest';
import { parseLogql } from './parse-logql';
import { LogqlError } from './logql-ast';
import { parseDurationSeconds } from './parse-duration';

describe('parseLogql', () => {
  it('parses selectors, line filters, parsers and label filters', () => {
    expect(
      parseLogql(
        '{app="api", env!="dev", region=~"eu-.*", pod!~`x\\d+`} |= "error" != `debug` |~ "time(out)?" !~ "ok" | json | duration_ms > 1000 and level="error", latency >= 1.5s | logfmt | status == 500',
      ),
    ).toEqual({
      matchers: [
        { name: 'app', op: '=', value: 'api' },
        { name: 'env', op: '!=', value: 'dev' },
        { name: 'region', op: '=~', value: 'eu-.*' },
        { name: 'pod', op: '!~', value: 'x\\d+' },
      ],
      pipeline: [
        { kind: 'line', op: '|=', value: 'error' },
        { kind: 'line', op: '!=', value: 'debug' },
        { kind: 'line', op: '|~', value: 'time(out)?' },
        { kind: 'line', op: '!~', value: 'ok' },
        { kind: 'parser', parser: 'json' },
        {
          kind: 'labels',
          filters: [
            { name: 'duration_ms', op: '>', value: { type: 'number', value: 1000 } },
            { name: 'level', op: '=', value: { type: 'string', value: 'error' } },
            { name: 'latency', op: '>=', value: { type: 'duration', seconds: 1.5 } },
          ],
        },
        { kind: 'parser', parser: 'logfmt' },
        { kind: 'labels', filters: [{ name: 'status', op: '=', value: { type: 'number', value: 500 } }] },
      ],
    });
  });

  it('unescapes Go strings and parses durations', () => {
    expect(parseLogql('{a="x\\"y"} |= "tab\\there"').pipeline[0]).toEqual({ kind: 'line', op: '|=', value: 'tab\there' });
    expect(parseDurationSeconds('1h30m')).toBe(5400);
    expect(parseDurationSeconds('250ms')).toBe(0.25);
    expect(parseDurationSeconds('10')).toBeNull();
    expect(parseDurationSeconds('5x')).toBeNull();
  });

  it.each([
    ['count_over_time({app="a"}[5m])', 'metric queries are not supported (found "count_over_time"); only log queries like {app="api"} |= "error" are', 0],
    ['sum by (app) (rate({app="a"}[1m]))', 'metric queries are not supported (found "sum"); only log queries like {app="api"} |= "error" are', 0],
    ['{app="a"} | unpack', 'the "| unpack" stage is not supported', 10],
    ['{app="a"} | line_format "{{ .msg | ToUpper }}"', 'template action "{{.msg | ToUpper}}" is not supported; only {{.field}} is', 24],
    ['{app="a"} | regexp `(\\d+)`', '| regexp needs at least one named group, e.g. (?P<status>\\d+)', 19],
    ['{app="a"} | drop level="debug"', '"| drop" with label matchers is not supported; list label names', 22],
    ['{app="a"} | unwrap latency', '"| unwrap" is only allowed inside a range function such as sum_over_time(... | unwrap x [1m])', 10],
    ['{app="a"} | json msg="message"', 'parameters to | json are not supported (use plain | json)', 17],
    ['{app="a"} | level="error" or level="warn"', '"or" between label filters is not supported; use separate stages or a regex', 26],
    ['{}', 'a stream selector needs at least one matcher, e.g. {app="api"}', 1],
    ['{app=""}', 'the stream selector needs at least one matcher that is not empty-compatible, e.g. {app="api"} or {app=~".+"}', 0],
    ['{app="a"', "expected ',' or '}'", 8],
    ['{app=a}', 'expected a label value as a quoted string', 5],
    ['{app="a"} |= error', 'expected a line filter value as a quoted string', 13],
    ['{app="a"} | x > "s"', '> compares numbers or durations, not strings', 16],
    ['{app="a"} | x > 5zz', 'bad duration "5zz" (use units ns, us, ms, s, m, h)', 16],
    ['{app="a"} | x =~ 5', '=~ needs a quoted regular expression', 17],
    ['app="a"', "expected a stream selector starting with '{'", 0],
  ])('rejects %s', (text, message, position) => {
    let error: unknown;
    try {
      parseLogql(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LogqlError);
    expect((error as LogqlError).message).toBe(`${message} (at position ${position})`);
  });

  it('parses the extraction and formatting stages', () => {
    expect(
      parseLogql('{app="a"} | pattern "<ip> <_> <status>" | regexp `(?P<code>\\d{3})` | line_format "{{.ip}} {{ .status }}" | label_format dst=src, msg="{{.code}}!" | drop a, __error__ | keep b')
        .pipeline,
    ).toEqual([
      { kind: 'extract', regex: '^(.*?) .*? (.*)$', names: ['ip', 'status'] },
      { kind: 'extract', regex: '(\\d{3})', names: ['code'] },
      { kind: 'line_format', template: [{ field: 'ip' }, { text: ' ' }, { field: 'status' }] },
      {
        kind: 'label_format',
        assignments: [
          { name: 'dst', rename: 'src' },
          { name: 'msg', template: [{ field: 'code' }, { text: '!' }] },
        ],
      },
      { kind: 'drop', names: ['a'] },
      { kind: 'keep', names: ['b'] },
    ]);
    expect(parseLogql('{app="a"} | drop __error__, __error_details__').pipeline).toEqual([{ kind: 'labels', filters: [] }]);
  });

  it('caps query length', () => {
    expect(() => parseLogql(`{a="${'x'.repeat(5000)}"}`)).toThrow(/longer than 4096/);
  });
});
