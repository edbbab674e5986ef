import ipaddr from 'ipaddr.js';

/** docs/design.md, security decisions: the only hosts postkeep ever fetches from. */
const EXACT_HOSTS = new Set(['instagram.com', 'www.instagram.com', 'instagr.am']);
const HOST_SUFFIXES = ['.cdninstagram.com', '.fbcdn.net'];

export function isAllowedUpstreamHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (EXACT_HOSTS.has(host)) return true;
  return HOST_SUFFIXES.some((suffix) => host.endsWith(suffix) && /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host));
}

/**
 * Only globally routable unicast addresses may be connected to: this refuses loopback (and so
 * Lambda's runtime API on 127.0.0.1:9001), private, link-local (169.254.169.254, the metadata
 * service), carrier-grade NAT, multicast, reserved and IPv4-mapped IPv6 forms of all of those.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    // Both forms that carry an IPv4 address in the low 32 bits are judged by that address:
    // mapped `::ffff:a.b.c.d` and the deprecated compatible `::a.b.c.d` (`::7f00:1` is loopback).
    if (v6.isIPv4MappedAddress() || isIPv4Compatible(v6)) parsed = ipv4Inside(v6);
  }
  return parsed.range() === 'unicast';
}

function isIPv4Compatible(v6: ipaddr.IPv6): boolean {
  return v6.parts.slice(0, 6).every((part) => part === 0);
}

function ipv4Inside(v6: ipaddr.IPv6): ipaddr.IPv4 {
  const [high = 0, low = 0] = v6.parts.slice(6);
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

export type UpstreamUrlCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string };

/** Every URL we are about to request, first or after a redirect, passes through here. */
export function checkUpstreamUrl(raw: string, base?: string): UpstreamUrlCheck {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    // Not a URL: refused, with the reason in the answer.
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `${url.protocol} is not https` };
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL' };
  if (url.port !== '' && url.port !== '443') return { ok: false, reason: `port ${url.port} is not allowed` };
  if (!isAllowedUpstreamHost(url.hostname)) return { ok: false, reason: `${url.hostname} is not an allowed host` };
  return { ok: true, url };
}
