import { describe, expect, it } from 'vitest';
import { parseTemplate, patternStage, regexpStage } from './extraction-stages';

describe('extraction stages', () => {
  it('numbers named groups of a regexp and keeps the others unnamed', () => {
    expect(regexpStage('(?P<method>[A-Z(]+) (\\S+) (?:x)(?<status>\\d+)')).toEqual({ kind: 'extract', regex: '([A-Z(]+) (\\S+) (?:x)(\\d+)', names: ['method', null, 'status'] });
    expect(() => regexpStage('(\\d+)')).toThrow(/named group/);
  });

  it('turns a pattern into an anchored regex with escaped literals', () => {
    expect(patternStage('<ip> - <_> [<ts>] "<method> <path>').regex).toBe('^(.*?) - .*? \\[(.*?)\\] "(.*?) (.*)$');
    expect(patternStage('<ip> - <_> [<ts>] "<method> <path>').names).toEqual(['ip', 'ts', 'method', 'path']);
    expect(() => patternStage('<a><b>')).toThrow(/literal text between/);
    const re = new RegExp(patternStage('<method> <path> took <d>').regex);
    expect('GET /a took 5ms'.match(re)?.slice(1)).toEqual(['GET', '/a', '5ms']);
  });

  it('parses {{.field}} templates and refuses functions', () => {
    expect(parseTemplate('{{.level}}: {{ .msg }}!')).toEqual([{ field: 'level' }, { text: ': ' }, { field: 'msg' }, { text: '!' }]);
    expect(() => parseTemplate('{{ .a | ToUpper }}')).toThrow(/not supported/);
  });
});
