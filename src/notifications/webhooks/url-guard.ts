import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Server-side request forgery guard. Webhook URLs must not reach the platform's own network.
 * Addresses are classified with ipaddr.js (its special-purpose registry ranges): only global
 * unicast is allowed. That refuses loopback, private, carrier-grade NAT, link-local (which holds
 * cloud metadata at 169.254.169.254), documentation, unique-local and site-local IPv6. IPv6 forms
 * that carry an IPv4 address (mapped, translated, NAT64, 6to4) are judged by that IPv4 address,
 * since a gateway on the way turns them into it; the IPv4-compatible ::/96 form and Teredo, whose
 * far end cannot be judged, are refused outright. Checked when an endpoint is created and again
 * at connect time (the resolved address), so DNS rebinding cannot get around it.
 */
export function isForbiddenAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range() !== 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  if (embedded) return embedded.range() !== 'unicast';
  return v6.range() !== 'unicast';
}

const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/** The IPv4 address an IPv6 form stands for, or null; throws nothing. */
function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const [, b, c, , , , g, h] = v6.parts;
  const fromWords = (high: number, low: number) =>
    new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const range = v6.range();
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (RFC 6145 translated)
  if (range === 'ipv4Mapped' || range === 'rfc6145') return fromWords(g, h);
  if (v6.match(NAT64_WELL_KNOWN)) return fromWords(g, h);
  if (range === '6to4') return fromWords(b, c);
  // Forms that cannot be judged by a public IPv4 address: refused as if loopback.
  if (range === 'rfc6052' || range === 'teredo' || v6.match(IPV4_COMPATIBLE))
    return new ipaddr.IPv4([127, 0, 0, 1]);
  return null;
}

export class ForbiddenUrlError extends Error {}

function resolveAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );
}

/** Throws ForbiddenUrlError with a reason people can read. */
export async function assertDeliverableUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ForbiddenUrlError('url is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ForbiddenUrlError('url must be http or https');
  if (url.username || url.password) throw new ForbiddenUrlError('url must not carry credentials');
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await resolveAll(host)).map((a) => a.address);
  } catch {
    throw new ForbiddenUrlError(`url host ${host} does not resolve`);
  }
  const bad = addresses.find(isForbiddenAddress);
  if (bad !== undefined)
    throw new ForbiddenUrlError(`url resolves to ${bad}, a private or reserved address`);
  return url;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for http.request that refuses forbidden addresses at connect time. */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses;
      const bad = allowPrivate ? undefined : list.find((a) => isForbiddenAddress(a.address));
      if (bad)
        return callback(
          Object.assign(new Error(`refused to connect to ${bad.address}`), { code: 'EFORBIDDEN' }),
          [],
        );
      const wantsAll = (options as { all?: boolean }).all;
      if (wantsAll) return callback(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  };
}
