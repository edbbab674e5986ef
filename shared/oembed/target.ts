import { DEFAULT_VARIANT, type EmbedVariant, parseEmbedVariant } from '../embed/variant.js';
import { parseInstagramUrl } from '../instagram/url.js';
import { POST_ID_PATTERN } from '../post/post-id.js';

/** What an oEmbed `url` names: one of this service's embed pages, an Instagram post, or neither. */
export type OEmbedTarget =
  | { readonly kind: 'embed'; readonly id: string; readonly variant: EmbedVariant }
  | { readonly kind: 'instagram'; readonly shortcode: string; readonly variant: EmbedVariant }
  | { readonly kind: 'none' };

export interface EmbedOrigins {
  /** PUBLIC_BASE_URL: its host, port and path name the embed pages. */
  readonly baseUrl: string;
  /** Other bases that reach the same pages (PUBLIC_BASE_ALIASES). */
  readonly aliases?: readonly string[];
}

/**
 * Every way an embed URL reaches a consumer counts as that URL: any letter case in the host,
 * `http` or `https`, with or without `www.`, a default port spelled out, a trailing slash, other
 * query parameters or a fragment, an upper-case id, no scheme at all, an encoding applied twice,
 * loopback names for one another when the base is on loopback (`localhost`, `127.0.0.1`,
 * `[::1]`), and the configured aliases of the base. Anything else is tried as an Instagram URL.
 */
export function toOEmbedTarget(input: string, origins: EmbedOrigins): OEmbedTarget {
  const text = decodedOnce(input.trim());
  if (text === null) return { kind: 'none' };
  const url = toUrl(text);
  if (url) {
    for (const base of [origins.baseUrl, ...(origins.aliases ?? [])]) {
      const id = embedIdOn(url, base);
      if (id) return { kind: 'embed', id, variant: parseEmbedVariant(Object.fromEntries(url.searchParams)) };
    }
  }
  const parsed = parseInstagramUrl(text);
  if (parsed.type !== 'post') return { kind: 'none' };
  return { kind: 'instagram', shortcode: parsed.shortcode, variant: { ...DEFAULT_VARIANT, slide: parsed.slide ?? 1 } };
}

/** `http%3A%2F%2F…`: a consumer encoded the url once more than the query needed; null when that encoding is broken. */
function decodedOnce(text: string): string | null {
  if (!/^https?%3a/i.test(text)) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function toUrl(input: string): URL | null {
  let text = input.trim();
  if (text.startsWith('//')) text = `https:${text}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) text = `https://${text}`;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The post id when `url` is an embed page under `base`, else null. */
function embedIdOn(url: URL, base: string): string | null {
  const root = toUrl(base);
  if (!root || !sameSite(url, root)) return null;
  const prefix = `${root.pathname.replace(/\/+$/, '')}/embed/`.toLowerCase();
  const path = url.pathname;
  if (!path.toLowerCase().startsWith(prefix)) return null;
  const rest = path.slice(prefix.length).replace(/\/+$/, '');
  const id = rest.toLowerCase();
  return POST_ID_PATTERN.test(id) ? id : null;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function sameSite(a: URL, b: URL): boolean {
  if (port(a) !== port(b)) return false;
  const ha = host(a);
  const hb = host(b);
  return ha === hb || (LOOPBACK.has(ha) && LOOPBACK.has(hb));
}

/** The host without `www.` and a trailing dot (URL has already lower-cased it). */
function host(url: URL): string {
  return url.hostname.replace(/\.$/, '').replace(/^www\./, '');
}

/** A port given explicitly, with 80 and 443 counting as the default of either scheme. */
function port(url: URL): string {
  return url.port === '80' || url.port === '443' ? '' : url.port;
}
