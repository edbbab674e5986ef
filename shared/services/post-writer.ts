import type { PostTable } from '../adapters/post-table.js';
import type { RandomSource } from '../adapters/random.js';
import { type EventAction, toEvent } from '../audit/event.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { type Actor, toActor } from '../people/person.js';
import { toCommit } from '../post/commit.js';
import type { PostRecord } from '../post/post.js';
import type { FieldChange, VersionSource } from '../post/versions.js';

export interface PostWriteDeps {
  readonly posts: PostTable;
  /** Renders the record's embed pages to storage; runs after every change to a record. */
  readonly publish: (record: PostRecord) => Promise<void>;
  readonly now: () => Date;
  readonly random: RandomSource;
}

export interface Change {
  readonly actor: Actor;
  readonly action: EventAction;
  readonly summary: string;
  readonly source: VersionSource;
  /** What a re-check saw change on Instagram; otherwise the difference of the two records. */
  readonly changes?: readonly FieldChange[];
}

export async function getPost(deps: Pick<PostWriteDeps, 'posts'>, id: string): Promise<PostRecord> {
  const record = await deps.posts.get(id);
  if (!record) throw new NotFoundError(`No archived post has the id ${id}.`);
  return record;
}

/**
 * The one way a post record changes: numbered (revision, and version when content changed),
 * written in one conditional put together with its event and version (the journal), then
 * published. `current` null creates the record; a lost race surfaces as ConflictError.
 */
export async function commitPost(deps: PostWriteDeps, current: PostRecord | null, next: PostRecord, change: Change): Promise<PostRecord> {
  const now = deps.now();
  const { record, version } = toCommit(current, next, change.actor, change.source, now, change.changes);
  const event = toEvent(
    { actor: toActor(change.actor), action: change.action, postId: record.id, summary: change.summary },
    now,
    deps.random.eventSuffix(),
  );
  const journal = { events: [event], versions: version ? [version] : [] };
  if (current === null) await deps.posts.create(record, journal);
  else await deps.posts.replace(record, journal);
  await deps.publish(record);
  return record;
}

/** Creates a record, or answers the one another writer created first. */
export async function createPost(deps: PostWriteDeps, record: PostRecord, change: Change): Promise<{ post: PostRecord; created: boolean }> {
  try {
    return { post: await commitPost(deps, null, record, change), created: true };
  } catch (error) {
    if (error instanceof ConflictError && error.existing) return { post: error.existing as PostRecord, created: false };
    throw error;
  }
}
