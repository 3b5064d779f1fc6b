// Where to go after sign-in: only a path on this site ("/traces/…"), never another origin ("//evil", "https:…"),
// so the sign-in page cannot be used as an open redirect.
export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
