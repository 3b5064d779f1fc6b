// A query error with a caret under the offending character of the query.
export function QueryError({ query, message, position }: { query: string; message: string; position: number | undefined }) {
  return (
    <div className="query-error" role="alert" data-testid="query-error">
      <div className="error-text">{message}</div>
      {position !== undefined && query.length > 0 && (
        <pre className="mono" aria-hidden="true">
          {query.length > 300 ? `${query.slice(Math.max(0, position - 40), position + 40)}` : query}
          {'\n'}
          {' '.repeat(query.length > 300 ? Math.min(40, position) : Math.min(position, query.length))}^
        </pre>
      )}
    </div>
  );
}
