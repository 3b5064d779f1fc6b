import { describe, expect, it } from 'vitest';
import { formatLabelString, LabelSyntaxError, parseLabelString } from './label-string';

describe('parseLabelString', () => {
  it('parses Go-quoted values with escapes and any spacing', () => {
    expect(parseLabelString('{a="b", c="d\\"e"}')).toEqual({ a: 'b', c: 'd"e' });
    expect(parseLabelString('{level="info",job="x\\\\y\\n\\u00e9\\x41"}')).toEqual({ level: 'info', job: 'x\\y\né\x41' });
    expect(parseLabelString(' { } ')).toEqual({});
    expect(parseLabelString('{a="1",}')).toEqual({ a: '1' });
  });

  it.each([
    ['a="b"', "expected '{' at position 0"],
    ['{a="b"', "expected ',' or '}' at position 6"],
    ['{a=b}', 'expected a double-quoted value at position 3'],
    ['{1a="b"}', 'expected a label name at position 1'],
    ['{a="b} ', 'unterminated quoted value at position 3'],
    ['{a="\\q"}', 'unknown escape \\q at position 4'],
    ['{a="1", a="2"}', 'duplicate label name "a" at position 8'],
    ['{a "1"}', 'expected \'=\' after label name "a" at position 3'],
    ['{a="1"} x', "unexpected text after '}' at position 7"],
  ])('rejects %s precisely', (text, message) => {
    expect(() => parseLabelString(text)).toThrowError(new LabelSyntaxError(message.replace(/ at position \d+$/, ''), Number(/\d+$/.exec(message)?.[0])));
  });

  it('formats canonically (sorted keys) and round-trips', () => {
    const labels = { z: 'q"uote', a: 'new\nline', m: 'tab\tand\\' };
    const text = formatLabelString(labels);
    expect(text).toBe('{a="new\\nline", m="tab\\tand\\\\", z="q\\"uote"}');
    expect(parseLabelString(text)).toEqual(labels);
    expect(formatLabelString({ b: '1', a: '2' })).toBe(formatLabelString({ a: '2', b: '1' }));
  });
});
