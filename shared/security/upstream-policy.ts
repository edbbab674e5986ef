import ipaddr from 'ipaddr.js';

/** DESIGN.md, security decisions: the only hosts postkeep ever fetches from. */
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
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

export type UpstreamUrlCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string };

/** Every URL we are about to request, first or after a redirect, passes through here. */
export function checkUpstreamUrl(raw: string, base?: string): UpstreamUrlCheck {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `${url.protocol} is not https` };
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL' };
  if (url.port !== '' && url.port !== '443') return { ok: false, reason: `port ${url.port} is not allowed` };
  if (!isAllowedUpstreamHost(url.hostname)) return { ok: false, reason: `${url.hostname} is not an allowed host` };
  return { ok: true, url };
}
