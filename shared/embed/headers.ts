import { HEIGHT_SCRIPT_HASH } from './height-script.js';

/**
 * No frame-ancestors: embeds exist to be framed. Images come from this origin (media/ keys)
 * or are inline data: URIs (placeholders and the empty `data:,` icon that spares a
 * /favicon.ico request); styles are inline; the one script is pinned by hash.
 */
export const EMBED_CSP =
  `default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src ${HEIGHT_SCRIPT_HASH}; ` +
  "base-uri 'none'; form-action 'none'";

/** Sent by both the local reader and CloudFront; HTTPS-only meaning, ignored by browsers over http. */
export const EMBED_HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;

/**
 * Every header an embed page is served with, wherever it is served: the local reader sends these
 * and the CDK stack builds CloudFront's response headers policy from this very object (Content-Type
 * and Cache-Control travel as the S3 object's metadata, written by the embed publisher from it).
 * One source, so the two cannot drift apart again.
 */
export const EMBED_PAGE_HEADERS = Object.freeze({
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': EMBED_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Strict-Transport-Security': `max-age=${EMBED_HSTS_MAX_AGE_SECONDS}`,
  'Cache-Control': 'public, max-age=300, stale-while-revalidate=86400',
} as const);

export function embedHeaders(): Record<string, string> {
  return { ...EMBED_PAGE_HEADERS };
}

/**
 * S3 metadata key (sent back as `x-amz-meta-postkeep-oembed`) on a tombstone's pages: the CDN and
 * the local reader read it to leave out the oEmbed `Link` header, since oEmbed answers 401 there.
 */
export const NO_OEMBED_METADATA = { key: 'postkeep-oembed', value: 'none' } as const;
