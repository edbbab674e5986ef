import type { Encoding } from './encoding.js';

export type ArticleFormat = 'html' | 'markdown' | 'text';
export type FoundForm = 'blockquote' | 'amp' | 'iframe' | 'link' | 'text';
/** Which of the article's times won (DESIGN.md, "the shortcode"): Instagram's own stated time, else the upload time. */
export type TakenAtSource = 'article-datetime' | 'article-date-text' | 'shortcode';

/** How sure the rescue is of one entry, so that an editor can be asked to review the uncertain ones. */
export interface Review {
  readonly confidence: 'high' | 'medium' | 'low';
  /** Stable codes: `no-url`, `no-byline`, `caption-only`, `time-conflict`, `date-disagrees`, `encoded-copy`, `leftover`, `link-only`. */
  readonly reasons: readonly string[];
}

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
  /** ISO UTC, by the rule of shared/instagram/shortcode.ts (pickPostTime). */
  takenAt: string | null;
  takenAtSource: TakenAtSource | null;
  embedVersion: number | null;
  /** Stable key for leftovers without URL (sha256 hex); null when there is a shortcode. */
  contentKey: string | null;
  review: Review;
  /**
   * The encodings of the copies the embed was read from, innermost first (a JSON or SQL string
   * literal, an escaped text run): replacement HTML is encoded so (shared/rescue/encoding.ts), so
   * the rewritten bytes stay valid there; empty: plain HTML.
   */
  encodings: readonly Encoding[];
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
  /** Review codes the reader already knows (`leftover`, `caption-only`, `link-only`). */
  notes?: readonly string[];
}
