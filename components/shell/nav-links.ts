// Only features that exist: a section appears here when it lands (replay is still to come).
export interface NavLink {
  href: string;
  label: string;
}

export const NAV_LINKS: readonly NavLink[] = [
  { href: '/', label: 'Traces' },
  { href: '/logs', label: 'Logs' },
  { href: '/services', label: 'Services' },
  { href: '/compare', label: 'Compare' },
  { href: '/agents', label: 'Agents' },
  { href: '/replays', label: 'Replays' },
  { href: '/chaos', label: 'Chaos' },
  { href: '/investigations', label: 'Investigations' },
];
