import type { ObjectStore } from '../adapters/object-store.js';
import type { Actor } from '../people/person.js';
import type { PostRecord, TakedownNotice } from '../post/post.js';
import { toHiddenRecord, toPurgedRecord, toUnhiddenRecord } from '../post/transitions.js';
import { diffContent } from '../post/versions.js';
import { commitPost, getPost, type PostWriteDeps } from './post-writer.js';

export type TakedownDeps = PostWriteDeps & { readonly objects: ObjectStore };

/**
 * Takedown as newsrooms handle it (docs/adr/0013-takedown-hide-unhide-purge.md): hide shows a
 * tombstone at once and keeps the bytes; unhide restores after a counter-notice; purge (admin,
 * hidden posts only) deletes every stored object of the post and every version of each.
 */
export async function hidePost(
  deps: TakedownDeps,
  id: string,
  actor: Actor,
  input: { reason: string; notice: TakedownNotice | null },
): Promise<PostRecord> {
  const current = await getPost(deps, id);
  const next = toHiddenRecord(current, { ...input, by: actor }, deps.now());
  const from = input.notice ? describeNotice(input.notice) : '';
  return commitPost(deps, current, next, { actor, action: 'post.hide', summary: `Hidden: ${input.reason}${from}`, source: 'editor' });
}

export async function unhidePost(deps: TakedownDeps, id: string, actor: Actor): Promise<PostRecord> {
  const current = await getPost(deps, id);
  const next = toUnhiddenRecord(current, deps.now());
  return commitPost(deps, current, next, { actor, action: 'post.unhide', summary: `Restored as ${next.status}.`, source: 'editor' });
}

/**
 * Deletes the bytes first, the record's content second: a purge that fails halfway leaves a
 * hidden post that can be purged again, never a record that says "purged" over bytes that stay.
 * The tombstone (attribution and dates, no caption or media) is published again last.
 */
export async function purgePost(deps: TakedownDeps, id: string, actor: Actor, reason: string): Promise<PostRecord> {
  const current = await getPost(deps, id);
  const next = toPurgedRecord(current, deps.now());
  const { deleted } = await deps.objects.purge(storedPrefixes(current));
  await deps.posts.redactVersions(id);
  return commitPost(deps, current, next, {
    actor,
    action: 'post.purge',
    summary: `Purged ${deleted} stored objects: ${reason}`,
    source: 'editor',
    // The purge's own version says which fields went, not what they held.
    changes: diffContent(current, next).map((change) => ({ field: change.field, before: null, after: null })),
  });
}

/** Every prefix under which the bucket holds something of this post: its media (current and seen), evidence, embed pages. */
export function storedPrefixes(record: PostRecord): string[] {
  const hashes = new Set([...record.media, ...(record.seen?.media ?? [])].map((media) => media.hash));
  return [...[...hashes].map((hash) => `media/${hash}/`), `evidence/${record.id}/`, `embed/${record.id}/`];
}

function describeNotice(notice: TakedownNotice): string {
  const parts = Object.entries(notice)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}: ${value}`);
  return parts.length > 0 ? ` (notice — ${parts.join('; ')})` : '';
}
