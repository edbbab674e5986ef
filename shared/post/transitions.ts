import { ConflictError, InvalidInputError } from '../errors.js';
import type { PostUrl } from '../instagram/url.js';
import type { Actor } from '../people/person.js';
import type { PostRecord, TakedownNotice } from './post.js';

/*
 * Record transitions: pure functions from the record read to the record to write. They never
 * touch `revision` or `version`; the write step (commit.ts) numbers them from what changed.
 */

/** Takedown: a tombstone at once; the bytes are kept so a counter-notice can undo it. */
export function toHiddenRecord(
  current: PostRecord,
  input: { reason: string; notice: TakedownNotice | null; by: Actor },
  now: Date,
): PostRecord {
  if (current.status === 'hidden') throw new ConflictError('This post is already hidden.', current);
  const at = now.toISOString();
  return {
    ...current,
    status: 'hidden',
    hidden: { reason: input.reason, at, by: input.by, notice: input.notice, statusBefore: current.status },
    updatedAt: at,
  };
}

/** After a counter-notice: the post as it was before the takedown. A purged post has nothing to restore. */
export function toUnhiddenRecord(current: PostRecord, now: Date): PostRecord {
  if (current.purgedAt) throw new ConflictError('This post was purged; there is nothing left to restore.', current);
  if (current.status !== 'hidden' || !current.hidden) throw new ConflictError('This post is not hidden.', current);
  return { ...current, status: current.hidden.statusBefore ?? 'live', hidden: null, updatedAt: now.toISOString() };
}

/** Purge keeps the tombstone (attribution and dates) and forgets every archived byte. */
export function toPurgedRecord(current: PostRecord, now: Date): PostRecord {
  if (current.status !== 'hidden') throw new ConflictError('Only a hidden post can be purged; hide it first.', current);
  if (current.purgedAt) throw new ConflictError('This post is already purged.', current);
  const at = now.toISOString();
  return { ...current, caption: null, media: [], evidence: [], seen: null, purgedAt: at, updatedAt: at };
}

/** An editor attaches the Instagram URL to a post that had none (one rescued from leftover text). */
export function toUrlAttachedRecord(current: PostRecord, ref: PostUrl, now: Date): PostRecord {
  if (current.shortcode && current.shortcode !== ref.shortcode) {
    throw new ConflictError(`This post is already ${current.shortcode}; archive the other URL as its own post.`, current);
  }
  if (current.shortcode) return current;
  return {
    ...current,
    shortcode: ref.shortcode,
    kind: ref.kind,
    provenance: { ...current.provenance, url: 'editor' },
    updatedAt: now.toISOString(),
  };
}

/** The bytes of a hidden post are kept, but nothing may change them until it is restored. */
export function assertWritable(current: PostRecord, what: string): void {
  if (current.status === 'hidden') throw new ConflictError(`This post was taken down; ${what} waits until it is unhidden.`, current);
  if (current.purgedAt) throw new InvalidInputError('purged', 'This post was purged.');
}
