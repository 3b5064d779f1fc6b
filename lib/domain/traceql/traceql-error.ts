// A query error that knows where it happened. `position` is a 0-based character offset into the query text,
// so a UI can put a caret under it; messages read "expected X at position N".
export class TraceQLError extends Error {
  override name = 'TraceQLError';
  readonly position: number;

  constructor(message: string, position: number) {
    super(`${message} at position ${position}`);
    this.position = position;
  }

  static expected(what: string, position: number, found?: string): TraceQLError {
    return new TraceQLError(found === undefined ? `expected ${what}` : `expected ${what} but found ${found}`, position);
  }
}
