import 'server-only';
// CSRF defence for cookie-authenticated state changes: the browser's Origin (or Sec-Fetch-Site when Origin is
// absent) must name this dashboard or a trusted origin. Requests with no browser provenance at all (curl,
// scripts) carry no ambient credentials an attacker could ride on, so they pass; bearer-token requests are
// not checked (a cross-site page cannot attach the header).
import { getConfig } from '../config/load-config';
import { AppError } from '../http/app-error';
import { trustedOriginsFor } from './better-auth';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(request: Request): boolean {
  return !SAFE_METHODS.has(request.method.toUpperCase());
}

export function checkOrigin(request: Request): void {
  if (!isStateChanging(request)) return;
  const origin = request.headers.get('origin');
  if (origin !== null) {
    if (trustedOriginsFor(getConfig(), request).includes(origin)) return;
    throw new AppError('forbidden', `Cross-site request refused: origin ${origin} is not this dashboard.`);
  }
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') {
    throw new AppError('forbidden', 'Cross-site request refused (no matching Origin).');
  }
}
