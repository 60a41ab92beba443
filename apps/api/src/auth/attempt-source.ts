// Which party an address belongs to is HTTP plumbing (node:net parses it), not a domain rule: it lives with the sign-in limiter.
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The part of a client address that one party controls, for counting sign-in attempts: an IPv4
 * address as is, an IPv6 address by its /64 (a single host usually gets a whole /64 and could
 * otherwise take a fresh address for every guess). IPv4-mapped IPv6 counts as the IPv4 address.
 */
export function attemptSource(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address.slice(0, 64);
  const [head, tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
