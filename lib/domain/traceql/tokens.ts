// Token kinds of the TraceQL subset. Positions are 0-based offsets of the token's first character.
export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '=~' | '!~';

export type Token =
  | { kind: 'lbrace' | 'rbrace' | 'lparen' | 'rparen' | 'and' | 'or' | 'descendant' | 'eof'; pos: number }
  | { kind: 'op'; op: Operator; pos: number }
  /** An attribute path or a bare word (`status`, `error`, `resource.service.name`, `.http.route`). */
  | { kind: 'ident'; value: string; pos: number }
  | { kind: 'string'; value: string; pos: number }
  /** Decimal text as written (kept as text so large integers lose nothing). */
  | { kind: 'number'; text: string; pos: number }
  | { kind: 'duration'; ns: bigint; text: string; pos: number };

export type TokenKind = Token['kind'];

export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of query';
    case 'ident':
      return `'${token.value}'`;
    case 'string':
      return 'a string';
    case 'number':
      return `number ${token.text}`;
    case 'duration':
      return `duration ${token.text}`;
    case 'op':
      return `'${token.op}'`;
    case 'lbrace':
      return "'{'";
    case 'rbrace':
      return "'}'";
    case 'lparen':
      return "'('";
    case 'rparen':
      return "')'";
    case 'and':
      return "'&&'";
    case 'or':
      return "'||'";
    case 'descendant':
      return "'>>'";
  }
}
