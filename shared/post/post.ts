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
  readonly hidden: { readonly reason: string; readonly at: string } | null;
  readonly provenance: Readonly<Record<string, Provenance>>;
  /** S3 keys of the raw upstream responses this record was derived from. */
  readonly evidence: readonly string[];
  /** Optimistic-lock counter: every update is conditional on the version it read. */
  readonly version: number;
}

export function toContractKind(kind: PostKind | null): ContractKind | null {
  if (kind === null) return null;
  return kind === 'p' ? 'post' : kind;
}
