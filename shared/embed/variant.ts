import type { PostRecord } from '../post/post.js';

export type EmbedTheme = 'auto' | 'light' | 'dark';

/** One pre-rendered form of an embed page; every combination is written to S3 ahead of time. */
export interface EmbedVariant {
  readonly theme: EmbedTheme;
  readonly hideCaption: boolean;
  /** 1-based carousel item shown first. */
  readonly slide: number;
}

/** Instagram carousels hold at most 20 items; `slide` and `img_index` beyond that are ignored. */
export const MAX_SLIDE = 20;
export const DEFAULT_VARIANT: EmbedVariant = Object.freeze({ theme: 'auto', hideCaption: false, slide: 1 });
const THEMES: readonly EmbedTheme[] = ['auto', 'light', 'dark'];

/** `light`|`dark` (none for auto), `nocap`, `s<N>` for N ≥ 2, joined by `-`; `index` when empty. */
export function variantName(variant: EmbedVariant): string {
  const parts: string[] = [];
  if (variant.theme !== 'auto') parts.push(variant.theme);
  if (variant.hideCaption) parts.push('nocap');
  if (variant.slide >= 2) parts.push(`s${variant.slide}`);
  return parts.length > 0 ? parts.join('-') : 'index';
}

export function embedObjectKey(id: string, variant: EmbedVariant): string {
  return `embed/${id}/${variantName(variant)}.html`;
}

/**
 * Every variant to pre-render when the record changes. A hidden post lists every slide up to
 * MAX_SLIDE: its media may already be purged, yet pages for its old slides are still in the
 * bucket and must all be overwritten by the tombstone.
 */
export function listEmbedVariants(post: PostRecord): EmbedVariant[] {
  const slides = post.status === 'hidden' ? MAX_SLIDE : Math.min(MAX_SLIDE, Math.max(1, post.media.length));
  const variants: EmbedVariant[] = [];
  for (const theme of THEMES) {
    for (const hideCaption of [false, true]) {
      for (let slide = 1; slide <= slides; slide += 1) variants.push({ theme, hideCaption, slide });
    }
  }
  return variants;
}

/** Reads `theme`, `hidecaption` (`1`/`true`), `slide` (1..20) and its alias `img_index`. */
export function parseEmbedVariant(query: Readonly<Record<string, string | undefined>>): EmbedVariant {
  const theme = query.theme?.trim().toLowerCase();
  const hide = query.hidecaption?.trim().toLowerCase();
  return {
    theme: theme === 'light' || theme === 'dark' ? theme : 'auto',
    hideCaption: hide === '1' || hide === 'true',
    slide: parseSlide(query.slide) ?? parseSlide(query.img_index) ?? 1,
  };
}

function parseSlide(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,2}$/.test(value.trim())) return null;
  const slide = Number.parseInt(value.trim(), 10);
  return slide >= 1 && slide <= MAX_SLIDE ? slide : null;
}

/** The public URL of an embed page; the query names the variant, omitted parts are defaults. */
export function toEmbedUrl(baseUrl: string, id: string, variant: EmbedVariant = DEFAULT_VARIANT): string {
  const params = new URLSearchParams();
  if (variant.theme !== 'auto') params.set('theme', variant.theme);
  if (variant.hideCaption) params.set('hidecaption', '1');
  if (variant.slide >= 2) params.set('slide', String(variant.slide));
  const query = params.toString();
  return `${trimBase(baseUrl)}/embed/${encodeURIComponent(id)}${query ? `?${query}` : ''}`;
}

export function toOEmbedUrl(baseUrl: string, url: string, format: 'json' | 'xml'): string {
  return `${trimBase(baseUrl)}/oembed?url=${encodeURIComponent(url)}&format=${format}`;
}

export function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
