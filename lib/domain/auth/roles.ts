// The four roles, weakest first. Each role can do everything the roles before it can; the server checks the
// rank (requireRole), the browser only uses it to hide controls a user could not use anyway.
export const ROLES = ['viewer', 'responder', 'operator', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `have` includes every permission of `need`. */
export function roleAtLeast(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}
