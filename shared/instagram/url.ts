import { isShortcode, mediaIdToShortcode } from './shortcode.js';

/** `p`, `reel` and `tv` are the path words Instagram uses for a single post. */
export type PostKind = 'p' | 'reel' | 'tv';
export type OtherKind = 'profile' | 'story' | 'highlight' | 'tag' | 'share' | 'app' | 'guide' | 'collection' | 'other' | 'reject';

export interface PostUrl {
  readonly type: 'post';
  readonly shortcode: string;
  readonly kind: PostKind;
  /** `https://www.instagram.com/{kind}/{shortcode}/`, without tracking parameters. */
  readonly canonicalUrl: string;
  /** 1-based carousel item from `img_index`, when the URL names one. */
  readonly slide: number | null;
}

export interface NotPostUrl {
  readonly type: 'not-post';
  readonly kind: OtherKind;
  /** Why this URL cannot be archived, in words an editor understands. */
  readonly reason: string;
}

export type ParsedUrl = PostUrl | NotPostUrl;

const POST_HOSTS = new Set(['instagram.com', 'www.instagram.com', 'm.instagram.com', 'instagr.am', 'www.instagr.am']);
const POST_WORDS: Record<string, PostKind> = { p: 'p', reel: 'reel', reels: 'reel', tv: 'tv' };
/** Trailing path parts that still address the same post (embed pages, comment views). */
const POST_SUFFIXES = new Set(['embed', 'captioned', 'c', 'comments', 'liked_by', 'media']);
/** Second path segments that make a URL a tab of a profile, not something else. */
const PROFILE_TABS = new Set(['reels', 'tagged', 'guides', 'channel', 'feed', 'igtv', 'followers', 'following']);
const RESERVED_FIRST = new Set([
  'explore',
  'stories',
  's',
  'share',
  'accounts',
  'direct',
  'about',
  'legal',
  'developer',
  'u',
  'web',
  'api',
  'graphql',
  'static',
  'emails',
  'challenge',
  'oauth',
  'privacy',
  'press',
  'reels',
]);

const notPost = (kind: OtherKind, reason: string): NotPostUrl => ({ type: 'not-post', kind, reason });

export function toCanonicalUrl(kind: PostKind, shortcode: string): string {
  return `https://www.instagram.com/${kind}/${shortcode}/`;
}

/**
 * Reads any form of Instagram post URL seen in the wild (see test/fixtures/instagram/urls.jsonl):
 * with or without scheme or `www.`, `m.` and `instagr.am`, username-prefixed paths, `/reels/`,
 * `/embed/` suffixes, raw `&amp;` from HTML attributes, tracking parameters.
 */
export function parseInstagramUrl(input: string): ParsedUrl {
  let raw = input.trim().replace(/&amp;/g, '&');
  if (raw.length === 0) return notPost('reject', 'The URL is empty.');
  if (raw.length > 2048) return notPost('reject', 'The URL is longer than 2048 characters.');

  const app = /^instagram:\/\/media\?id=(\d{1,25})$/i.exec(raw);
  if (app?.[1]) {
    const shortcode = mediaIdToShortcode(app[1]);
    return shortcode
      ? { type: 'post', shortcode, kind: 'p', canonicalUrl: toCanonicalUrl('p', shortcode), slide: null }
      : notPost('app', 'The app link does not carry a valid media id.');
  }
  if (raw.startsWith('//')) raw = `https:${raw}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(raw)) raw = `https://${raw}`;

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The caller's input is not a URL: answered as such, nothing is lost.
    return notPost('reject', 'This is not a URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return notPost('reject', `URLs with the scheme ${url.protocol} are not accepted; use https.`);
  }
  if (url.username || url.password) {
    return notPost('reject', 'URLs with credentials before the host are not accepted.');
  }
  const host = url.hostname.toLowerCase();
  if (!POST_HOSTS.has(host) || (url.port !== '' && url.port !== '443' && url.port !== '80')) {
    return notPost('reject', `${host || 'The host'} is not an Instagram host.`);
  }

  const segments = url.pathname
    .split('/')
    .filter((part) => part.length > 0)
    .map(safeDecode);
  const [first, second, third] = segments;
  if (first === undefined) return notPost('other', 'The URL names Instagram itself, not a post.');

  const post = readPost(segments, 0) ?? (RESERVED_FIRST.has(first) ? null : readPost(segments, 1));
  if (post) {
    const slide = Number.parseInt(url.searchParams.get('img_index') ?? '', 10);
    return {
      type: 'post',
      shortcode: post.shortcode,
      kind: post.kind,
      canonicalUrl: toCanonicalUrl(post.kind, post.shortcode),
      slide: Number.isInteger(slide) && slide >= 1 && slide <= 20 ? slide : null,
    };
  }

  switch (first) {
    case 'stories':
      return second === 'highlights'
        ? notPost('highlight', 'Story highlights are not posts and cannot be archived.')
        : notPost('story', 'Stories disappear by design and cannot be archived; link a post instead.');
    case 's':
      return notPost('highlight', 'Story highlights are not posts and cannot be archived.');
    case 'explore':
      return notPost('tag', 'Tag and explore pages are not posts.');
    case 'share':
      return notPost('share', 'Share links hide the post; open it and paste the post URL instead.');
    case 'u':
      return notPost('reject', '/u/ links are not post URLs.');
    default:
      break;
  }
  if (RESERVED_FIRST.has(first)) return notPost('other', 'This Instagram page is not a post.');
  if (second === 'guide') return notPost('guide', 'Guides are collections, not posts.');
  if (second === 'saved') return notPost('collection', 'Saved collections are not posts.');
  if (second === undefined || (PROFILE_TABS.has(second) && third === undefined)) {
    return notPost('profile', 'This is a profile, not a post; paste the URL of one post.');
  }
  return notPost('other', 'This Instagram page is not a post.');
}

function readPost(segments: readonly string[], at: number): { kind: PostKind; shortcode: string } | null {
  const kind = POST_WORDS[segments[at] ?? ''];
  const shortcode = segments[at + 1];
  if (!kind || shortcode === undefined || !isShortcode(shortcode)) return null;
  if (!segments.slice(at + 2).every((part) => POST_SUFFIXES.has(part) || /^\d+$/.test(part))) return null;
  return { kind, shortcode };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    // A malformed percent escape is kept as written; the path rules then judge it.
    return part;
  }
}
