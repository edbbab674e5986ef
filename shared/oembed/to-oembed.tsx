/** @jsxImportSource hono/jsx */

import { firstLine } from '../embed/caption.js';
import { estimateViewHeight } from '../embed/estimate-height.js';
import { EMBED_MAX_WIDTH, pickFallback, usableVariants } from '../embed/media.js';
import { toHtmlString } from '../embed/render-embed-page.js';
import { DEFAULT_VARIANT, type EmbedVariant, trimBase } from '../embed/variant.js';
import { byline, type EmbedView, toEmbedView } from '../embed/view.js';
import type { PostRecord } from '../post/post.js';

/** oEmbed 1.0 `rich` answer (https://oembed.com/ §2.3.4, §2.3.4.4). */
export interface OEmbed {
  readonly version: '1.0';
  readonly type: 'rich';
  readonly provider_name: 'postkeep';
  readonly provider_url: string;
  readonly title: string;
  readonly author_name?: string;
  readonly author_url?: string;
  readonly html: string;
  readonly width: number;
  readonly height: number;
  readonly thumbnail_url?: string;
  readonly thumbnail_width?: number;
  readonly thumbnail_height?: number;
  readonly cache_age: number;
}

export interface OEmbedOptions {
  readonly baseUrl: string;
  readonly maxwidth?: number | undefined;
  readonly maxheight?: number | undefined;
  /** The variant named by the requested embed URL's query (theme, hidecaption, slide). */
  readonly variant?: EmbedVariant | undefined;
}

export const OEMBED_CACHE_AGE = 86_400;
export const DEFAULT_WIDTH = EMBED_MAX_WIDTH;

const limit = (value: number | undefined): number | null =>
  value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : null;

export function toOEmbed(post: PostRecord, options: OEmbedOptions): OEmbed {
  const view = toEmbedView(post, { baseUrl: options.baseUrl, variant: options.variant ?? DEFAULT_VARIANT });
  const maxwidth = limit(options.maxwidth);
  const maxheight = limit(options.maxheight);
  // 540 is the design width; a consumer's maxwidth always wins, even below the 200 px the
  // layout is comfortable at, because oEmbed §2.2 says the answer must not exceed it.
  const width = Math.min(DEFAULT_WIDTH, maxwidth ?? DEFAULT_WIDTH);
  const estimate = estimateViewHeight(view, width);
  const height = maxheight !== null ? Math.min(estimate, maxheight) : estimate;
  const caption = post.status === 'hidden' ? null : post.caption;
  const handle = view.handle;
  const author = view.name ?? (handle ? `@${handle}` : null);
  const thumbnail = post.status === 'hidden' ? null : toThumbnail(post, view.baseUrl, maxwidth, maxheight);
  return {
    version: '1.0',
    type: 'rich',
    provider_name: 'postkeep',
    provider_url: trimBase(options.baseUrl),
    title: (caption ? firstLine(caption) : null) ?? byline(post),
    ...(author ? { author_name: author } : {}),
    ...(view.profileUrl ? { author_url: view.profileUrl } : {}),
    html: toIframeHtml(view, width, height, height < estimate),
    width,
    height,
    ...(thumbnail ? { thumbnail_url: thumbnail.url, thumbnail_width: thumbnail.width, thumbnail_height: thumbnail.height } : {}),
    cache_age: OEMBED_CACHE_AGE,
  };
}

/** The largest JPEG of the first item within the limits, preferring ≤ 640 px; none when nothing fits. */
function toThumbnail(post: PostRecord, baseUrl: string, maxwidth: number | null, maxheight: number | null) {
  const first = post.media[0];
  if (!first) return null;
  const fitting = usableVariants(first, 'jpeg').filter(
    (v) => (maxwidth === null || v.width <= maxwidth) && (maxheight === null || v.height <= maxheight),
  );
  const pick = pickFallback(fitting);
  return pick ? { url: `${baseUrl}/${pick.key}`, width: pick.width, height: pick.height } : null;
}

/**
 * Shaped for WordPress's wp_filter_oembed_result (wp-includes/embed.php), which treats us as an
 * unknown provider: it keeps only `<blockquote>` + `<a href>` and `<iframe>` with src, width,
 * height, frameborder, scrolling, title, matches `(<blockquote>.*?</blockquote>)?.*(<iframe.*?></iframe>)`
 * (so the iframe needs its closing tag and a quoted src), adds its own `data-secret` to both and
 * `sandbox="allow-scripts"`, and hides the iframe until it posts its height. Our class, sandbox,
 * loading and style attributes serve every other consumer. WordPress writes the `data-secret`
 * itself; a value from us would be stripped, so none is sent.
 */
function toIframeHtml(view: EmbedView, width: number, height: number, capped: boolean): string {
  const name = view.name ? plain(view.name) : null;
  const who = name && view.handle ? `${name} (@${view.handle})` : view.handle ? `@${view.handle}` : name || 'unknown author';
  const markup = (
    <>
      <blockquote class="postkeep-embed">
        <a href={view.embedUrl}>{`Post by ${who} (archived copy)`}</a>
      </blockquote>
      <iframe
        class="postkeep-embed"
        src={view.embedUrl}
        width={width}
        height={height}
        title={plain(view.title)}
        frameborder="0"
        scrolling={capped ? 'auto' : 'no'}
        sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"
        loading="lazy"
        style="border:0;max-width:100%"
      ></iframe>
    </>
  );
  return toHtmlString(markup);
}

/**
 * Some consumers entity-decode every value they get (unfurl.js 6.4 decodes oEmbed `html` twice),
 * which would turn an escaped `<img onerror>` in a name back into markup on their page. Names and
 * titles inside the `html` therefore carry no markup characters at all, escaped or not.
 */
function plain(text: string): string {
  return text.replace(/[&<>"'`]/g, '').trim();
}
