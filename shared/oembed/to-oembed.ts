import { html } from 'hono/html';
import { firstLine } from '../embed/caption.js';
import { estimateViewHeight } from '../embed/estimate-height.js';
import { toHtmlString } from '../embed/html-string.js';
import { EMBED_MAX_WIDTH, pickFallback, usableVariants } from '../embed/media.js';
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

/**
 * Column widths the `html` is laid out for: at the narrowest, text wraps the most, so the space
 * kept for header, caption and footer is measured there (phones' columns, 320 px and up).
 */
export const NARROWEST_COLUMN = 320;

export function toOEmbed(post: PostRecord, options: OEmbedOptions): OEmbed {
  const view = toEmbedView(post, { baseUrl: options.baseUrl, variant: options.variant ?? DEFAULT_VARIANT });
  const maxwidth = limit(options.maxwidth);
  const maxheight = limit(options.maxheight);
  // 540 is the design width; a consumer's maxwidth always wins, even below the 200 px the
  // layout is comfortable at, because oEmbed §2.2 says the answer must not exceed it.
  const width = Math.min(DEFAULT_WIDTH, maxwidth ?? DEFAULT_WIDTH);
  const box = toFrameBox(view, width, maxheight);
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
    html: toIframeHtml(view, box),
    width,
    height: box.height,
    ...(thumbnail ? { thumbnail_url: thumbnail.url, thumbnail_width: thumbnail.width, thumbnail_height: thumbnail.height } : {}),
    cache_age: OEMBED_CACHE_AGE,
  };
}

/**
 * The frame's height as a function of its width, `ratio × width + offset` px: the media scale
 * with the column, the text around them does not. `offset` is what header, caption and footer
 * need at the narrowest column (more than at any wider one), less the 2 px of border the media
 * do not span. Inside a frame sized this way the card fills it exactly (the page's `fit` layout),
 * so no column width leaves a blank band or cuts the footer off.
 */
interface FrameBox {
  readonly width: number;
  readonly height: number;
  /** height ÷ width of the media part; 0 without media. */
  readonly ratio: number;
  readonly offset: number;
  readonly maxheight: number | null;
}

function toFrameBox(view: EmbedView, width: number, maxheight: number | null): FrameBox {
  const ratio = view.media.length > 0 ? Math.max(...view.media.map((m) => m.ratio)) : 0;
  const media = (w: number) => (ratio > 0 ? Math.ceil(Math.max(1, w - 2) * ratio) : 0);
  const narrow = Math.min(width, NARROWEST_COLUMN);
  const chrome = Math.max(estimateViewHeight(view, narrow) - media(narrow), estimateViewHeight(view, width) - media(width));
  const offset = Math.ceil(chrome - 2 * ratio);
  const natural = Math.ceil(ratio * width + offset);
  return { width, height: maxheight !== null ? Math.min(natural, maxheight) : natural, ratio, offset, maxheight };
}

/** CSS length of the frame's height: `ratio` of the wrapper's width plus `offset`, within maxheight. */
function frameHeightCss(box: FrameBox): string {
  const linear = box.ratio > 0 ? `calc(${Number((box.ratio * 100).toFixed(4))}% + ${box.offset}px)` : `${box.offset}px`;
  return box.maxheight !== null ? `min(${linear}, ${box.maxheight}px)` : linear;
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
 * One `html` for both ways consumers use it (docs/adr/0006-oembed-html-form.md):
 *
 * - Inserted verbatim (Ghost, WordPress for a registered provider, the snippet): the blockquote
 *   is hidden by its own style, and the iframe fills a wrapper whose height follows its width
 *   (padding-bottom in % of the width plus px, capped at maxheight), with the page inside laid
 *   out to fill whatever it gets. No host script is needed and none resizes it.
 * - Sanitised by WordPress (wp_filter_oembed_result, wp-includes/embed.php, for providers found
 *   by discovery): only `<blockquote>` + `<a href>` and `<iframe>` with src, width, height,
 *   frameborder, scrolling, title survive, in this order (the blockquote must come first to be
 *   kept as the fallback). Styles go, so the width is `100%` to fit a phone's column; WordPress
 *   adds its sandbox and secret, hides the frame behind the blockquote and wp-embed.js resizes it
 *   to the height the page reports.
 *
 * WordPress writes the `data-secret` itself; a value from us would be stripped, so none is sent.
 */
function toIframeHtml(view: EmbedView, box: FrameBox): string {
  const name = view.name ? plain(view.name) : null;
  const who = name && view.handle ? `${name} (@${view.handle})` : view.handle ? `@${view.handle}` : name || 'unknown author';
  const fallback = html`<blockquote class="postkeep-embed" style="display:none"><a href="${view.embedUrl}">${`Post by ${who} (archived copy)`}</a></blockquote>`;
  const frame = html`<iframe src="${view.embedUrl}" width="100%" height="${box.height}" title="${plain(view.title)}" frameborder="0" scrolling="no" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" loading="lazy" style="position:absolute;top:0;left:0;width:100%;height:100%;border:0"></iframe>`;
  // width:100% on the wrapper: a host that centres its embeds in a flex column (Ghost's themes)
  // would shrink a wrapper with no width of its own to nothing, its only content being positioned.
  const wrapper = html`<div class="postkeep-embed" style="${`width:100%;max-width:${box.width}px`}"><div style="${`position:relative;height:0;padding-bottom:${frameHeightCss(box)};overflow:hidden`}">${frame}</div></div>`;
  // Every value goes through hono/html's escaping; the two parts inserted above are its own output.
  return toHtmlString(html`${fallback}${wrapper}`);
}

/**
 * Some consumers entity-decode every value they get (unfurl.js 6.4 decodes oEmbed `html` twice),
 * which would turn an escaped `<img onerror>` in a name back into markup on their page. Names and
 * titles inside the `html` therefore carry no markup characters at all, escaped or not.
 */
function plain(text: string): string {
  return text.replace(/[&<>"'`]/g, '').trim();
}
