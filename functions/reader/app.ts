import { type Context, Hono } from 'hono';
import type { ObjectStore } from '../../shared/adapters/object-store.js';
import {
  EMBED_PAGE_HEADERS,
  embedHeaders,
  embedObjectKey,
  NO_OEMBED_METADATA,
  OUTBOUND_PATH,
  parseEmbedVariant,
  toEmbedUrl,
  toOutboundTarget,
} from '../../shared/embed/index.js';
import { oembedLinkHeader } from '../../shared/oembed/index.js';
import { POST_ID_PATTERN } from '../../shared/post/post-id.js';

export interface ReaderDeps {
  readonly objects: ObjectStore;
  readonly publicBaseUrl: string;
}

const { 'Content-Type': _type, 'Cache-Control': _cache, ...SECURITY_HEADERS } = EMBED_PAGE_HEADERS;

/** A 404 with the security headers CloudFront's policy puts on S3's own 404 for /embed/*. */
function noSuchEmbed(c: Context): Response {
  return c.text('No such embed.', 404, SECURITY_HEADERS);
}

const MEDIA_KEY = /^media\/[a-f0-9]{64}\/[a-z0-9]+\.(jpg|png|webp|gif|heif|avif)$/;

/**
 * What a reader's browser asks for: pre-rendered embed pages and archived images, straight from
 * the bucket. In AWS CloudFront does this job; locally this app stands in for it, reading the
 * same objects, so what a reader sees locally is what the CDN would serve.
 */
export function createReaderApp(deps: ReaderDeps): Hono {
  const app = new Hono();

  // Same answer as the CDN's viewer-request function (infra/cdn/embed-rewrite.js).
  app.get(OUTBOUND_PATH, (c) => {
    const target = toOutboundTarget(c.req.query('to'));
    if (!target) return c.text('No such link.', 404);
    return c.body(null, 302, { Location: target, 'Cache-Control': 'public, max-age=86400', 'Referrer-Policy': 'no-referrer' });
  });

  // Exactly the one S3 GET the CDN makes (infra/cdn/embed-rewrite.js): the variant asked for or
  // a 404, never another variant in its place, so what a reader sees locally is what the CDN
  // serves. oEmbed names only pages that exist (a slide beyond the post's last names the last).
  const embedPage = async (c: Context) => {
    const id = c.req.param('id') ?? '';
    if (!POST_ID_PATTERN.test(id)) return noSuchEmbed(c);
    const variant = parseEmbedVariant(c.req.query());
    const object = await deps.objects.get(embedObjectKey(id, variant));
    if (!object) return noSuchEmbed(c);
    // The Link header names the variant served, as the page's own <link> tags do; a tombstone
    // names none (oEmbed answers 401 for it).
    const tombstone = object.metadata[NO_OEMBED_METADATA.key] === NO_OEMBED_METADATA.value;
    const headers: Record<string, string> = {
      ...embedHeaders(),
      ...(tombstone ? {} : { Link: oembedLinkHeader(toEmbedUrl(deps.publicBaseUrl, id, variant), deps.publicBaseUrl) }),
    };
    if (object.etag) headers.ETag = object.etag;
    if (object.etag && c.req.header('If-None-Match') === object.etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(object.body), 200, headers);
  };
  app.get('/embed/:id', embedPage);
  // The CDN's rewrite takes a trailing slash too.
  app.get('/embed/:id/', embedPage);

  app.get('/media/*', async (c) => {
    const key = new URL(c.req.url).pathname.slice(1);
    if (!MEDIA_KEY.test(key)) return c.text('No such media.', 404);
    const object = await deps.objects.get(key);
    if (!object) return c.text('No such media.', 404);
    return c.body(new Uint8Array(object.body), 200, {
      'Content-Type': object.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      ...(object.etag ? { ETag: object.etag } : {}),
    });
  });

  return app;
}
