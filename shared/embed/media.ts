import type { ImageFormat, StoredMedia, StoredVariant } from '../post/post.js';
import { trimBase } from './variant.js';

/** The display width of the embed; `sizes` tells the browser so for every source. */
export const EMBED_MAX_WIDTH = 540;
export const MEDIA_SIZES = `(max-width: ${EMBED_MAX_WIDTH}px) 100vw, ${EMBED_MAX_WIDTH}px`;

/** Keys are content addresses written by the service; anything else is not put in a URL or srcset. */
const MEDIA_KEY = /^media\/[A-Za-z0-9._/-]+$/;
/** Placeholders go into a CSS url(); only a plain base64 image data URI is accepted there. */
const PLACEHOLDER = /^data:image\/(?:webp|jpeg|png|avif|gif);base64,[A-Za-z0-9+/]+=*$/;
const ORIGINAL_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif']);

export interface MediaSource {
  readonly type: string;
  readonly srcset: string;
}

/** What the page and oEmbed need of one stored item. `img` is null when no image bytes are kept. */
export interface MediaView {
  readonly type: 'image' | 'video';
  readonly position: number;
  readonly count: number;
  readonly alt: string;
  readonly sources: readonly MediaSource[];
  readonly img: { readonly src: string; readonly srcset: string | null; readonly width: number; readonly height: number } | null;
  readonly placeholder: string | null;
  /** height / width of what is shown, for layout and height estimates. */
  readonly ratio: number;
  /** Taller than 4:5: shown cropped to 4:5 like Instagram's feed, so cards fit WordPress's 1000 px frame cap. */
  readonly cropped: boolean;
}

/** Instagram's feed shows nothing taller than 4:5; the whole image stays one tap away on the original. */
export const MAX_RATIO = 1.25;

export function usableVariants(media: StoredMedia, format: ImageFormat): StoredVariant[] {
  return media.variants
    .filter((v) => v.format === format && MEDIA_KEY.test(v.key) && v.width > 0 && v.height > 0)
    .sort((a, b) => a.width - b.width);
}

export function mediaUrl(baseUrl: string, key: string): string {
  return `${trimBase(baseUrl)}/${key}`;
}

/** The 640 px JPEG, else the largest below it, else the smallest there is. */
export function pickFallback(variants: readonly StoredVariant[], target = 640): StoredVariant | null {
  const below = variants.filter((v) => v.width <= target);
  return below[below.length - 1] ?? variants[0] ?? null;
}

/**
 * Instagram's machine-written alt texts ("Image may contain…", "Photo by X on May 1, 2020. May be
 * an image of…", seen in shortcode_media.accessibility_caption, corpus pages/01.html, 2026-11)
 * describe nothing a reader needs; an editor's or the author's own alt text is kept.
 */
export function isAutoAlt(alt: string): boolean {
  const text = alt.trim();
  return (
    text.length === 0 ||
    /^(?:image may contain|may be an? |no photo description available)/i.test(text) ||
    /^(?:[Pp]hoto|[Ii]mage|[Vv]ideo)(?: shared)? by .+ on [A-Z][a-z]+ \d{1,2}, \d{4}/.test(text)
  );
}

export function altText(media: StoredMedia, position: number, count: number, handle: string | null, name: string | null): string {
  if (media.alt !== null && !isAutoAlt(media.alt)) return media.alt;
  const word = media.type === 'video' ? 'Video' : 'Photo';
  const of = count > 1 ? ` ${position} of ${count}` : '';
  const who = handle ? ` by @${handle}` : name ? ` by ${name}` : '';
  return `${word}${of}${who}`;
}

export function toMediaView(
  media: StoredMedia,
  index: number,
  count: number,
  baseUrl: string,
  author: { handle: string | null; name: string | null },
): MediaView {
  const srcset = (variants: readonly StoredVariant[]) => variants.map((v) => `${mediaUrl(baseUrl, v.key)} ${v.width}w`).join(', ');
  const avif = usableVariants(media, 'avif');
  const webp = usableVariants(media, 'webp');
  const jpeg = usableVariants(media, 'jpeg');
  const sources: MediaSource[] = [];
  if (avif.length > 0) sources.push({ type: 'image/avif', srcset: srcset(avif) });
  if (webp.length > 0) sources.push({ type: 'image/webp', srcset: srcset(webp) });

  const fallback = pickFallback(jpeg) ?? pickFallback(webp) ?? pickFallback(avif);
  let img: MediaView['img'] = null;
  if (fallback) {
    const family = fallback.format === 'jpeg' ? jpeg : fallback.format === 'webp' ? webp : avif;
    img = { src: mediaUrl(baseUrl, fallback.key), srcset: srcset(family), width: fallback.width, height: fallback.height };
  } else if (ORIGINAL_TYPES.has(media.original.contentType) && MEDIA_KEY.test(media.original.key) && media.width > 0 && media.height > 0) {
    img = { src: mediaUrl(baseUrl, media.original.key), srcset: null, width: media.width, height: media.height };
  }
  const w = img?.width ?? media.width;
  const h = img?.height ?? media.height;
  return {
    type: media.type,
    position: index + 1,
    count,
    alt: altText(media, index + 1, count, author.handle, author.name),
    sources: img ? sources : [],
    img,
    placeholder: PLACEHOLDER.test(media.placeholder) ? media.placeholder : null,
    ratio: Math.min(MAX_RATIO, w > 0 && h > 0 ? h / w : 1),
    cropped: w > 0 && h > 0 && h / w > MAX_RATIO,
  };
}
