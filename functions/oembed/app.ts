import { Hono } from 'hono';
import { z } from 'zod';
import type { PostTable } from '../../shared/adapters/post-table.js';
import { DEFAULT_VARIANT, type EmbedVariant, parseEmbedVariant } from '../../shared/embed/index.js';
import { parseInstagramUrl } from '../../shared/instagram/url.js';
import { toOEmbed, toOEmbedXml } from '../../shared/oembed/index.js';
import type { PostRecord } from '../../shared/post/post.js';
import { POST_ID_PATTERN } from '../../shared/post/post-id.js';
import type { Log } from '../http/logger.js';
import { createOnError } from '../http/on-error.js';
import { requestId } from '../http/request-id.js';

export interface OEmbedDeps {
  readonly posts: PostTable;
  readonly publicBaseUrl: string;
  readonly log: Log;
}

const query = z.object({
  url: z.string().min(1).max(2048),
  format: z.string().max(20).optional(),
  maxwidth: z.coerce.number().int().min(1).max(10_000).optional(),
  maxheight: z.coerce.number().int().min(1).max(10_000).optional(),
});

/**
 * oEmbed 1.0 for archived posts, read-only and without sharp so it stays small and fast; the CDN
 * caches its answers. Errors follow the spec's statuses (404 unknown, 401 not public, 501 format)
 * with a plain-text body, which is what oEmbed consumers expect. Storage that does not answer is
 * the service's fault, not the consumer's: that one is the API's JSON 503 `storage_unavailable`.
 */
export function createOEmbedApp(deps: OEmbedDeps): Hono {
  const app = new Hono();
  app.use('*', requestId());
  const embedPrefix = `${deps.publicBaseUrl}/embed/`;

  app.get('/oembed', async (c) => {
    const parsed = query.safeParse(c.req.query());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return c.text(`Bad request: ${issue?.path.join('.') ?? 'query'} ${issue?.message ?? ''}`.trim(), 400);
    }
    const { url, maxwidth, maxheight } = parsed.data;
    const format = (parsed.data.format ?? 'json').toLowerCase();
    if (format !== 'json' && format !== 'xml') return c.text(`The format ${format} is not supported; use json or xml.`, 501);

    const { record, variant } = await resolveTarget(url, embedPrefix, deps.posts);
    if (!record) return c.text('No archived post matches this URL.', 404);
    if (record.status === 'hidden') return c.text('This post has been taken down.', 401);

    const answer = toOEmbed(record, {
      baseUrl: deps.publicBaseUrl,
      variant,
      ...(maxwidth !== undefined ? { maxwidth } : {}),
      ...(maxheight !== undefined ? { maxheight } : {}),
    });
    const headers = { 'Cache-Control': 'public, max-age=3600', 'Access-Control-Allow-Origin': '*', 'X-Content-Type-Options': 'nosniff' };
    if (format === 'xml') return c.body(toOEmbedXml(answer), 200, { ...headers, 'Content-Type': 'text/xml; charset=utf-8' });
    return c.json(answer, 200, headers);
  });

  app.onError(createOnError(deps.log));
  return app;
}

/**
 * The url is either this service's embed URL (whose query may name a theme, a slide or a hidden
 * caption, kept in the answer's iframe) or any form of the Instagram post URL (`img_index` kept).
 */
async function resolveTarget(
  url: string,
  embedPrefix: string,
  posts: PostTable,
): Promise<{ record: PostRecord | null; variant: EmbedVariant }> {
  if (url.startsWith(embedPrefix)) {
    const id = url.slice(embedPrefix.length).split(/[?#/]/)[0] ?? '';
    const query = Object.fromEntries(new URL(url).searchParams);
    return { record: POST_ID_PATTERN.test(id) ? await posts.get(id) : null, variant: parseEmbedVariant(query) };
  }
  const parsed = parseInstagramUrl(url);
  if (parsed.type !== 'post') return { record: null, variant: DEFAULT_VARIANT };
  const { record } = await posts.getByShortcode(parsed.shortcode);
  return { record, variant: { ...DEFAULT_VARIANT, slide: parsed.slide ?? 1 } };
}
