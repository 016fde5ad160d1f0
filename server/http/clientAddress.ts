/**
 * The address a request comes from, for per-address limits (Z2). Behind a reverse proxy every
 * socket comes from the proxy, so one address would stand for everyone: with the proxy's address
 * in `trusted` (TRUST_PROXY), the client is the right-most X-Forwarded-For entry that is not a
 * trusted proxy. Entries left of it could be written by the client itself and are ignored.
 */
import type { IncomingMessage } from 'node:http';

/** IPv4 peers on a dual-stack socket read as ::ffff:a.b.c.d. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice('::ffff:'.length) : trimmed;
}

export function clientAddress(req: IncomingMessage, trusted: ReadonlySet<string>): string {
  const peer = normalizeAddress(req.socket.remoteAddress ?? 'unknown');
  if (!trusted.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map(normalizeAddress)
    .filter((hop) => hop.length > 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop !== undefined && !trusted.has(hop)) return hop;
  }
  return hops[0] ?? peer;
}

/**
 * The key an address is counted under, for every per-client limit (creation quotas, read budget, seats). An IPv6 client usually holds a whole /64, so the /64 is
 * one client; otherwise one attacker would have 2^64 quotas.
 */
export function quotaKey(address: string): string {
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
