// hono/tiny: one route needs no more than its smallest router (PatternRouter), which keeps the
// function's bundle and cold start small.
import { Hono } from 'hono/tiny';
import type { PostLookup } from '../../shared/adapters/post-keys.js';
import { parseOEmbedQuery } from '../../shared/oembed/query.js';
import { toOEmbedTarget } from '../../shared/oembed/target.js';
import { toOEmbed } from '../../shared/oembed/to-oembed.js';
import { toOEmbedXml } from '../../shared/oembed/xml.js';
import type { PostRecord } from '../../shared/post/post.js';
import type { Log } from '../http/logger.js';
import { createOnError } from '../http/on-error.js';
import { requestId } from '../http/request-id.js';

/** What oEmbed reads: records by id and by shortcode (PostTable locally, PostReader in its function). */
export interface OEmbedPosts extends PostLookup {
  getByShortcode(shortcode: string): Promise<{ id: string; record: PostRecord | null }>;
}

export interface OEmbedDeps {
  readonly posts: OEmbedPosts;
  readonly publicBaseUrl: string;
  /** Other bases whose embed URLs are this service's too (PUBLIC_BASE_ALIASES). */
  readonly publicBaseAliases?: readonly string[];
  readonly log: Log;
}

/**
 * oEmbed 1.0 for archived posts, read-only and without sharp so it stays small and fast; the CDN
 * caches its answers. Errors follow the spec's statuses (404 unknown, 401 not public, 501 format)
 * with a plain-text body, which is what oEmbed consumers expect. Storage that does not answer is
 * the service's fault, not the consumer's: that one is the API's JSON 503 `storage_unavailable`.
 */
export function createOEmbedApp(deps: OEmbedDeps): Hono {
  const app = new Hono();
  app.use('*', requestId());
  const origins = { baseUrl: deps.publicBaseUrl, aliases: deps.publicBaseAliases ?? [] };

  app.get('/oembed', async (c) => {
    const parsed = parseOEmbedQuery(c.req.query());
    if (!parsed.ok) return c.text(parsed.message, parsed.status);
    const { url, format, maxwidth, maxheight } = parsed.query;

    const target = toOEmbedTarget(url, origins);
    const record =
      target.kind === 'embed'
        ? await deps.posts.get(target.id)
        : target.kind === 'instagram'
          ? (await deps.posts.getByShortcode(target.shortcode)).record
          : null;
    if (!record || target.kind === 'none') return c.text('No archived post matches this URL.', 404);
    if (record.status === 'hidden') return c.text('This post has been taken down.', 401);

    const answer = toOEmbed(record, { baseUrl: deps.publicBaseUrl, variant: target.variant, maxwidth, maxheight });
    const headers = { 'Cache-Control': 'public, max-age=3600', 'Access-Control-Allow-Origin': '*', 'X-Content-Type-Options': 'nosniff' };
    if (format === 'xml') return c.body(toOEmbedXml(answer), 200, { ...headers, 'Content-Type': 'text/xml; charset=utf-8' });
    return c.json(answer, 200, headers);
  });

  app.onError(createOnError(deps.log));
  return app;
}
