import 'server-only';

/** The caller's address for the audit trail: the first X-Forwarded-For hop (Next's server sets it). */
export function clientIp(request: Request): string | null {
  const forwarded = request.headers.get('x-forwarded-for');
  return forwarded ? forwarded.split(',')[0]!.trim() : null;
}
