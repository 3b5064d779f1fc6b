import 'server-only';
// Which resolved addresses a replay may connect to. A target with allowed addresses/CIDR ranges admits only
// those; a target without them admits public unicast addresses only — never loopback, private, link-local
// (cloud metadata at 169.254.169.254), CGNAT, unspecified or multicast. Checked on the address DNS returned,
// which is then the address connected to (safe-send.ts), so a name cannot be re-pointed after the check.
import { BlockList, isIP } from 'node:net';
import { AppError } from '../http/app-error';

const NON_PUBLIC: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
];

// IPv4-mapped IPv6 (::ffff:a.b.c.d) is not listed: BlockList matches those against the IPv4 rules itself, and a
// ::ffff:0:0/96 rule would match every IPv4 address too (the address-policy test pins both).
const nonPublic = new BlockList();
for (const [net, prefix, type] of NON_PUBLIC) nonPublic.addSubnet(net, prefix, type);

export interface AddressPolicy {
  allows(address: string): boolean;
  describe(): string;
}

/** Parses "127.0.0.1", "10.1.0.0/16", "::1" — throws a 400 naming the bad entry. */
export function parseAllowedAddress(entry: string): { network: string; prefix: number; type: 'ipv4' | 'ipv6' } {
  const [network = '', prefixText] = entry.trim().split('/');
  const family = isIP(network);
  if (family === 0) throw new AppError('bad_request', `allowedAddresses: "${entry}" is not an IP address or CIDR range`);
  const max = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) throw new AppError('bad_request', `allowedAddresses: "${entry}" has a bad prefix length`);
  return { network, prefix, type: family === 4 ? 'ipv4' : 'ipv6' };
}

export function addressPolicy(allowed: readonly string[]): AddressPolicy {
  if (allowed.length === 0) {
    return { allows: (a) => isIP(a) !== 0 && !nonPublic.check(a, isIP(a) === 4 ? 'ipv4' : 'ipv6'), describe: () => 'public addresses only' };
  }
  const list = new BlockList();
  for (const entry of allowed) {
    const { network, prefix, type } = parseAllowedAddress(entry);
    list.addSubnet(network, prefix, type);
  }
  return { allows: (a) => isIP(a) !== 0 && list.check(a, isIP(a) === 4 ? 'ipv4' : 'ipv6'), describe: () => allowed.join(', ') };
}
