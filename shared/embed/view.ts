import { isShortcode } from '../instagram/shortcode.js';
import { toCanonicalUrl } from '../instagram/url.js';
import type { PostRecord } from '../post/post.js';
import { isFolded, profileUrl } from './caption.js';
import { formatDate, toIsoDate } from './format-date.js';
import { type MediaView, toMediaView } from './media.js';
import { DEFAULT_VARIANT, type EmbedVariant, toEmbedUrl, toOEmbedUrl, trimBase } from './variant.js';

export interface DateView {
  readonly iso: string;
  readonly text: string;
}

/** Everything the embed page shows, decided here; the templates only lay it out. */
export interface EmbedView {
  readonly variant: EmbedVariant;
  readonly baseUrl: string;
  readonly embedUrl: string;
  /** The embed URL without variant query: one canonical page per post. */
  readonly canonicalUrl: string;
  readonly title: string;
  readonly name: string | null;
  readonly handle: string | null;
  readonly profileUrl: string | null;
  readonly originalUrl: string | null;
  readonly takenAt: DateView | null;
  readonly capturedAt: DateView | null;
  /** When a re-check first found the post edited on Instagram (docs/adr/0014-what-the-embed-shows-after-instagram-edits.md). */
  readonly editedOnInstagram: DateView | null;
  readonly state:
    | { readonly kind: 'archived' }
    | { readonly kind: 'removed'; readonly at: DateView | null }
    | { readonly kind: 'hidden'; readonly at: DateView | null };
  /** Null when there is none, when the variant hides it, or when the post is hidden. */
  readonly caption: string | null;
  readonly folded: boolean;
  /** In display order: a slide-N variant starts with item N (see renderMedia). */
  readonly media: readonly MediaView[];
}

export interface EmbedOptions {
  readonly baseUrl: string;
  readonly variant: EmbedVariant;
}

const present = (text: string | null | undefined): string | null => (text && text.trim().length > 0 ? text : null);

function toDateView(iso: string | null | undefined): DateView | null {
  const value = toIsoDate(iso);
  const text = formatDate(iso);
  return value && text ? { iso: value, text } : null;
}

export function toOriginalUrl(post: PostRecord): string | null {
  return post.shortcode && isShortcode(post.shortcode) ? toCanonicalUrl(post.kind ?? 'p', post.shortcode) : null;
}

export function byline(post: PostRecord): string {
  const handle = present(post.author.handle);
  const name = present(post.author.name);
  return handle ? `Post by @${handle}` : name ? `Post by ${name}` : 'Archived post';
}

export function toEmbedView(post: PostRecord, options: EmbedOptions): EmbedView {
  const baseUrl = trimBase(options.baseUrl);
  const hidden = post.status === 'hidden';
  const handle = present(post.author.handle);
  const author = { handle, name: present(post.author.name) };
  const all = hidden ? [] : post.media.map((m, i) => toMediaView(m, i, post.media.length, baseUrl, author));
  const slide = Math.min(Math.max(1, Math.trunc(options.variant.slide) || 1), Math.max(1, all.length));
  const variant: EmbedVariant = { ...options.variant, slide };
  const caption = hidden || variant.hideCaption ? null : present(post.caption);
  return {
    variant,
    baseUrl,
    embedUrl: toEmbedUrl(baseUrl, post.id, variant),
    canonicalUrl: toEmbedUrl(baseUrl, post.id, DEFAULT_VARIANT),
    title: byline(post),
    name: author.name,
    handle,
    profileUrl: handle ? profileUrl(handle) : null,
    originalUrl: toOriginalUrl(post),
    takenAt: toDateView(post.takenAt),
    capturedAt: toDateView(post.capturedAt),
    editedOnInstagram: hidden ? null : toDateView(post.editedUpstreamAt),
    state: hidden
      ? { kind: 'hidden', at: toDateView(post.hidden?.at) }
      : post.status === 'removed'
        ? { kind: 'removed', at: toDateView(post.removedAt) }
        : { kind: 'archived' },
    caption,
    folded: caption !== null && isFolded(caption),
    media: [...all.slice(slide - 1), ...all.slice(0, slide - 1)],
  };
}

export function oembedLinks(view: EmbedView): { json: string; xml: string } {
  return { json: toOEmbedUrl(view.baseUrl, view.embedUrl, 'json'), xml: toOEmbedUrl(view.baseUrl, view.embedUrl, 'xml') };
}
