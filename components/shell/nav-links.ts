export interface NavLink {
  href: string;
  label: string;
}

export const NAV_LINKS: readonly NavLink[] = [
  { href: '/', label: 'Traces' },
  { href: '/logs', label: 'Logs' },
  { href: '/services', label: 'Services' },
  { href: '/replays', label: 'Replays' },
  { href: '/chaos', label: 'Chaos' },
  { href: '/agents', label: 'Agents' },
  { href: '/investigations', label: 'Investigations' },
];
