import { describe, expect, it } from 'vitest';
import { detectFields } from './detect-fields';

describe('detectFields', () => {
  it('finds logfmt, json and metadata fields with types and cardinality', () => {
    const fields = detectFields(
      [
        { line: 'level=info latency=15ms status=200 msg="a b"', metadata: { pod: 'p1' } },
        { line: 'level=error latency=1.5s status=500 size=12KB', metadata: { pod: 'p1' } },
        { line: '{"user":"ann","ok":true,"ratio":0.5,"n":3}', metadata: {} },
        { line: '{"user":"bob","ok":false,"ratio":1,"n":4}', metadata: { pod: 'p2' } },
      ],
      100,
    );
    expect(fields).toEqual([
      { label: 'latency', type: 'duration', cardinality: 2, parsers: ['logfmt'] },
      { label: 'level', type: 'string', cardinality: 2, parsers: ['logfmt'] },
      { label: 'msg', type: 'string', cardinality: 1, parsers: ['logfmt'] },
      { label: 'n', type: 'int', cardinality: 2, parsers: ['json'] },
      { label: 'ok', type: 'boolean', cardinality: 2, parsers: ['json'] },
      { label: 'pod', type: 'string', cardinality: 2, parsers: null },
      { label: 'ratio', type: 'float', cardinality: 2, parsers: ['json'] },
      { label: 'size', type: 'bytes', cardinality: 1, parsers: ['logfmt'] },
      { label: 'status', type: 'int', cardinality: 2, parsers: ['logfmt'] },
      { label: 'user', type: 'string', cardinality: 2, parsers: ['json'] },
    ]);
    expect(detectFields([{ line: 'a=1 b=2', metadata: {} }], 1).map((f) => f.label)).toEqual(['a']);
  });
});
