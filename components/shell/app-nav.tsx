'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { NAV_LINKS } from './nav-links';
import { UserMenu, type NavUser } from './user-menu';
import { TraceIdLookup } from './trace-id-lookup';
import { TimeZoneToggle } from './time-zone-toggle';

function isActive(pathname: string, href: string): boolean {
  if (href === '/') return pathname === '/' || pathname.startsWith('/traces') || pathname.startsWith('/search');
  return pathname.startsWith(href);
}

// No prefetching: on a trace page the server's CPU belongs to the trace being loaded; prefetching six pages
// on every load (twice each) measurably delayed a 100k-span waterfall on a 2-core machine.
export function AppNav({ user }: { user: NavUser | null }) {
  const pathname = usePathname();
  return (
    <nav className="app-nav" aria-label="Main">
      <Link href="/" className="brand" prefetch={false}>
        Tracehound
      </Link>
      <ul>
        {NAV_LINKS.map((link) => (
          <li key={link.href}>
            <Link href={link.href} prefetch={false} aria-current={isActive(pathname, link.href) ? 'page' : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
      {user && <TraceIdLookup />}
      {user && <TimeZoneToggle />}
      {user && <UserMenu user={user} />}
    </nav>
  );
}
