// Recently run LogQL queries, newest first, kept in localStorage (per browser). Failures to read or write
// storage (private mode, quota) just mean no history.
const KEY = 'tracehound.logql.history';
const MAX = 20;

export function readLogqlHistory(): string[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(raw) ? raw.filter((q): q is string => typeof q === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function rememberLogqlQuery(query: string): string[] {
  const next = [query, ...readLogqlHistory().filter((q) => q !== query)].slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // storage unavailable
  }
  return next;
}
