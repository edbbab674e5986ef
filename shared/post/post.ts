import type { PostKind } from '../instagram/url.js';

/** Where a stored field came from; `editor` always wins over what a capture finds. */
/** `article-datetime` / `article-date-text`: a time the article stated (its `<time datetime>`, its visible date). */
export type Provenance = 'embed-page' | 'post-page' | 'article' | 'article-datetime' | 'article-date-text' | 'shortcode' | 'editor' | 'url';
export type PostStatus = 'live' | 'removed' | 'unknown' | 'hidden';
export type ContractKind = 'post' | 'reel' | 'tv';
export type ImageFormat = 'avif' | 'webp' | 'jpeg';

export interface Author {
  readonly handle: string | null;
  readonly name: string | null;
}

export interface StoredVariant {
  readonly width: number;
  readonly height: number;
  readonly format: ImageFormat;
  readonly key: string;
  readonly bytes: number;
}

export interface StoredMedia {
  readonly type: 'image' | 'video';
  readonly width: number;
  readonly height: number;
  readonly alt: string | null;
  /** sha256 of the original bytes: the content address of the original and its variants. */
  readonly hash: string;
  readonly original: { readonly key: string; readonly contentType: string; readonly bytes: number };
  readonly variants: readonly StoredVariant[];
  /** A tiny blurred WebP as a data URI, shown until the image arrives. */
  readonly placeholder: string;
}

/** Who asked for a takedown, about what, and when the notice arrived: kept as the requester wrote it. */
export type TakedownNotice = Readonly<Record<string, string | null>>;

/** A takedown. Records hidden by version 0.1 hold only `reason` and `at`. */
export interface HiddenState {
  readonly reason: string;
  readonly at: string;
  readonly by?: { readonly id: string; readonly name: string };
  readonly notice?: TakedownNotice | null;
  /** The status `unhide` restores (0.1 records: `live`). */
  readonly statusBefore?: Exclude<PostStatus, 'hidden'>;
}

/**
 * Instagram's copy as the last check saw it. What readers see (the record's own fields) stays
 * what was archived when the article quoted it; this is what a re-check compares against, so an
 * edit on Instagram is recorded once (docs/adr/0014-what-the-embed-shows-after-instagram-edits.md).
 */
export interface SeenCopy {
  readonly at: string;
  readonly caption: string | null;
  readonly name: string | null;
  /** The images as archived from that check (their bytes are stored, content-addressed). */
  readonly media: readonly StoredMedia[];
}

/** The record kept in the table; the JSON a client sees is derived from it (see post-json.ts). */
export interface PostRecord {
  readonly id: string;
  readonly platform: 'instagram';
  readonly shortcode: string | null;
  readonly kind: PostKind | null;
  readonly author: Author;
  readonly caption: string | null;
  readonly takenAt: string | null;
  readonly media: readonly StoredMedia[];
  readonly status: PostStatus;
  readonly capturedAt: string;
  readonly updatedAt: string;
  /** When Instagram was last asked about this post (capture or refresh); older records lack it. */
  readonly checkedAt?: string;
  /** When a refresh first found the original gone. */
  readonly removedAt: string | null;
  readonly hidden: HiddenState | null;
  /** When an admin purged the stored bytes of a hidden post; the tombstone stays. */
  readonly purgedAt?: string | null;
  /** Instagram's copy at the last check that found the post (null: never seen there, e.g. rescued from an article). */
  readonly seen?: SeenCopy | null;
  /** When a re-check first found Instagram's copy different from the archived one shown. */
  readonly editedUpstreamAt?: string | null;
  readonly provenance: Readonly<Record<string, Provenance>>;
  /** S3 keys of the raw upstream responses this record was derived from. */
  readonly evidence: readonly string[];
  /** The content version (CONTRACT.md, Version): 1 at capture, +1 for every change of archived content. */
  readonly version: number;
  /** Optimistic-lock counter of the item: every write is conditional on the revision it read. */
  readonly revision: number;
}

export function toContractKind(kind: PostKind | null): ContractKind | null {
  if (kind === null) return null;
  return kind === 'p' ? 'post' : kind;
}
