import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promisify } from 'node:util';
import ipaddr from 'ipaddr.js';
import { UnsafeUrlError } from '@app/domain';

const lookupAll = promisify(dnsLookup);

/** ipaddr.js ranges that never belong to a public webhook receiver. */
const BLOCKED_RANGES = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal',
  'loopback',
  'private',
  'carrierGradeNat',
  'reserved',
  'uniqueLocal',
  'ipv4Mapped',
  'rfc6145',
  'rfc6052',
  '6to4',
  'teredo',
  'benchmarking',
  'amt',
  'as112',
  'as112v6',
  'orchid2',
  'droneRemoteIdProtocolEntityTags',
  'deprecated',
]);

/** What the refusal says of the common ranges; the others go by ipaddr.js's name for them. */
const RANGE_LABELS: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  private: 'a private address',
  carrierGradeNat: 'a carrier-grade NAT (CGNAT) address',
  reserved: 'a reserved address',
  uniqueLocal: 'a unique-local address',
};

/** Why an address may not be called, or null when it is public. IPv4-mapped IPv6 is judged as its IPv4. */
export function blockedReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (parsed.kind() === 'ipv4' && parsed.toString() === '169.254.169.254') return `${address} is the cloud metadata address`;
  if (BLOCKED_RANGES.has(range)) return `${address} is ${RANGE_LABELS[range] ?? `in the ${range} range`}`;
  return null;
}

/** Shape rules that need no DNS: http(s), no credentials, a host. */
export function parseWebhookUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UnsafeUrlError('url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UnsafeUrlError('url must use http or https');
  if (url.username || url.password) throw new UnsafeUrlError('url must not carry credentials');
  if (!url.hostname) throw new UnsafeUrlError('url needs a host');
  return url;
}

function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * Resolves the URL's host and refuses loopback, private, link-local, CGNAT, metadata and other
 * non-public addresses — unless private networks are allowed (development, tests).
 */
export async function assertPublicUrl(value: string, allowPrivate: boolean): Promise<URL> {
  const url = parseWebhookUrl(value);
  if (allowPrivate) return url;
  const host = bareHost(url);
  let addresses: LookupAddress[];
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  else {
    try {
      addresses = await lookupAll(host, { all: true });
    } catch {
      throw new UnsafeUrlError(`url host ${host} does not resolve`);
    }
  }
  for (const { address } of addresses) {
    const reason = blockedReason(address);
    if (reason) throw new UnsafeUrlError(`url resolves to a non-public address (${reason}); webhooks go to public hosts only`);
  }
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for socket connections that refuses non-public addresses at connect time, so a DNS answer
 * that changed since the subscription was created cannot reach an internal host.
 */
export function guardedLookup(hostname: string, options: { all?: boolean; family?: number } | undefined, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses;
    for (const { address } of list) {
      const reason = blockedReason(address);
      if (reason) {
        const refused = Object.assign(new Error(`refused to connect: ${reason}`), { code: 'EUNSAFEADDRESS' });
        return callback(refused, []);
      }
    }
    if (options?.all) return callback(null, list);
    return callback(null, list[0].address, list[0].family);
  });
}
