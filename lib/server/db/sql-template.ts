// Parameterised SQL built with a tagged template. Interpolated values always become $n placeholders;
// nested SqlQuery fragments are spliced in with their parameters renumbered. There is deliberately no way to
// splice a plain string into the SQL text: query compilers (TraceQL, LogQL) must go through this.
export interface SqlQuery {
  readonly text: string;
  readonly values: readonly unknown[];
}

const FRAGMENT = Symbol('sql-fragment');

interface Fragment extends SqlQuery {
  readonly [FRAGMENT]: true;
  /** Placeholders are written as \u0000N\u0000 until the final query is rendered. */
  readonly parts: readonly string[];
  readonly params: readonly unknown[];
}

function isFragment(value: unknown): value is Fragment {
  return typeof value === 'object' && value !== null && FRAGMENT in value;
}

function makeFragment(parts: string[], params: unknown[]): Fragment {
  let text = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) text += `$${i}${parts[i]}`;
  return { [FRAGMENT]: true, parts, params, text, values: params };
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Fragment {
  const parts: string[] = [strings[0] ?? ''];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    const next = strings[i + 1] ?? '';
    if (isFragment(value)) {
      parts[parts.length - 1] += value.parts[0] ?? '';
      for (let j = 1; j < value.parts.length; j++) {
        params.push(value.params[j - 1]);
        parts.push(value.parts[j] ?? '');
      }
      parts[parts.length - 1] += next;
    } else {
      params.push(value);
      parts.push(next);
    }
  });
  return makeFragment(parts, params);
}

/** Joins fragments with a fixed separator (e.g. ' AND ', ', '). */
export function joinSql(fragments: readonly Fragment[], separator: ', ' | ' AND ' | ' OR ' | ' UNION ALL ' | '\n'): Fragment {
  if (fragments.length === 0) return sql``;
  const sep = sqlLiteral(separator);
  return fragments.slice(1).reduce((acc, f) => sql`${acc}${sep}${f}`, fragments[0] as Fragment);
}

/**
 * SQL text from a fixed set the caller controls (column names, operators chosen by a compiler from a closed
 * table). Never pass user input here.
 */
export function sqlLiteral(text: string): Fragment {
  return makeFragment([text], []);
}

export type { Fragment as SqlFragment };
