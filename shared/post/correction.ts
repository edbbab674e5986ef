import { InvalidInputError } from '../errors.js';
import type { PostRecord, Provenance } from './post.js';

/** What an editor may correct (docs/contract.md, PATCH /api/posts/:id); `url` is handled by the service. */
export interface Correction {
  readonly caption?: string | null;
  readonly author?: { readonly handle?: string | null; readonly name?: string | null };
  readonly takenAt?: string | null;
  readonly media?: ReadonlyArray<{ readonly index: number; readonly alt: string | null }>;
}

/** Applies an editor's correction; every corrected field gets provenance `editor`. */
export function toCorrectedRecord(current: PostRecord, correction: Correction, now: Date): PostRecord {
  const provenance: Record<string, Provenance> = { ...current.provenance };
  let { caption, takenAt, author, media } = current;
  if (correction.caption !== undefined) {
    caption = correction.caption;
    provenance.caption = 'editor';
  }
  if (correction.takenAt !== undefined) {
    takenAt = correction.takenAt;
    provenance.takenAt = 'editor';
  }
  if (correction.author?.handle !== undefined) {
    author = { ...author, handle: correction.author.handle };
    provenance.handle = 'editor';
  }
  if (correction.author?.name !== undefined) {
    author = { ...author, name: correction.author.name };
    provenance.name = 'editor';
  }
  if (correction.media && correction.media.length > 0) {
    const next = [...media];
    for (const { index, alt } of correction.media) {
      const item = next[index];
      if (!item) throw new InvalidInputError('invalid_media_index', `The post has no media item ${index}.`);
      next[index] = { ...item, alt };
      provenance[`media.${index}.alt`] = 'editor';
    }
    media = next;
  }
  return { ...current, caption, takenAt, author, media, provenance, updatedAt: now.toISOString() };
}
