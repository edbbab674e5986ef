export type ArticleFormat = 'html' | 'markdown' | 'text';
export type FoundForm = 'blockquote' | 'amp' | 'iframe' | 'link' | 'text';

export interface FoundEmbed {
  found: FoundForm;
  /** UTF-16 range in the original article that this embed occupies, wrappers and embed.js included. */
  start: number;
  end: number;
  /** As written (entities decoded, query kept), null when none. */
  permalink: string | null;
  shortcode: string | null;
  kind: 'p' | 'reel' | 'tv' | null;
  canonicalUrl: string | null;
  slide: number | null;
  author: { name: string | null; handle: string | null };
  caption: string | null;
  /** The `<time datetime>` value verbatim. */
  datetime: string | null;
  /** The visible date, white space collapsed. */
  dateText: string | null;
  /** ISO UTC; shortcode time > datetime > visible date. */
  takenAt: string | null;
  takenAtSource: 'shortcode' | 'article' | null;
  embedVersion: number | null;
  /** Stable key for leftovers without URL (sha256 hex); null when there is a shortcode. */
  contentKey: string | null;
}

/** What one reader got out of the markup, before the shared derivations (URL, time, key). */
export interface EmbedReading {
  permalink: string | null;
  /** Set by forms that carry a bare shortcode (amp-instagram) instead of a URL. */
  shortcode?: string | null;
  name: string | null;
  handle: string | null;
  caption: string | null;
  datetime: string | null;
  dateText: string | null;
  embedVersion: number | null;
}
