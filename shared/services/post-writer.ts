import type { JournalEntry } from '../adapters/journal.js';
import type { ObjectStore } from '../adapters/object-store.js';
import type { PostTable } from '../adapters/post-table.js';
import type { RandomSource } from '../adapters/random.js';
import { type EventAction, toEvent } from '../audit/event.js';
import { embedObjectKey, listEmbedVariants } from '../embed/index.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Log } from '../log.js';
import { type Actor, toActor } from '../people/person.js';
import { toCommit } from '../post/commit.js';
import type { PostRecord } from '../post/post.js';
import type { FieldChange, VersionSource } from '../post/versions.js';

export interface PostWriteDeps {
  readonly posts: PostTable;
  /**
   * Renders the record's embed pages to storage and indexes it: alongside a new record's write
   * (`created`: nothing was ever published for its id), after every other change.
   */
  readonly publish: (record: PostRecord, options?: PublishOptions) => Promise<void>;
  /** Where a new record's pages are taken down again when the record could not be written. */
  readonly objects: Pick<ObjectStore, 'deleteMany'>;
  readonly now: () => Date;
  readonly random: RandomSource;
  /** Where a failed clean-up is reported (the write's own failure is the answer). */
  readonly log?: Log;
  /**
   * A new record's search items written before the record itself, while a capture's images are
   * encoded: nobody finds them until the record exists, since every hit is read back and checked
   * against it (docs/adr/0012-library-search-index.md). Without it a new record is indexed when
   * it is published.
   */
  readonly indexAhead?: IndexAhead;
}

export interface IndexAhead {
  readonly write: (record: PostRecord) => Promise<void>;
  /** Takes down what `write` wrote for a record that was not created, sparing what `kept` (the post that stands) needs. */
  readonly withdraw: (record: PostRecord, kept: PostRecord | null) => Promise<void>;
}

export interface PublishOptions {
  /** The record was just created: no earlier pages or index items exist to reconcile with. */
  readonly created?: boolean;
  /** Its search items were written ahead (`IndexAhead`) from this earlier form of the record. */
  readonly indexedAs?: PostRecord;
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
 * written in one conditional put together with its event and version (the journal), and
 * published. A new record's pages are written alongside the record (every object they point at
 * is stored by then, so they are complete whichever lands first); every other change publishes
 * after its write. `current` null creates the record; a lost race surfaces as ConflictError.
 */
export async function commitPost(
  deps: PostWriteDeps,
  current: PostRecord | null,
  next: PostRecord,
  change: Change,
  indexedAs?: PostRecord,
): Promise<PostRecord> {
  const now = deps.now();
  const { record, version } = toCommit(current, next, change.actor, change.source, now, change.changes);
  const event = toEvent(
    { actor: toActor(change.actor), action: change.action, postId: record.id, summary: change.summary },
    now,
    deps.random.eventSuffix(),
  );
  const journal = { events: [event], versions: version ? [version] : [] };
  if (current === null) {
    await createAlongsidePages(deps, record, journal, indexedAs);
    return record;
  }
  await deps.posts.replace(record, journal);
  await deps.publish(record);
  await removeStalePages(deps, current, record);
  return record;
}

/**
 * Pages the record no longer has are deleted once its new pages are out: the slides a carousel
 * lost on Instagram, or the tombstones of slides beyond a post's own once it is shown again, so
 * they answer 404 like any slide a post lacks (docs/contract.md, `GET /embed/:id`). The change
 * itself stands if this fails, which is logged with the post's id.
 */
async function removeStalePages(deps: PostWriteDeps, before: PostRecord, after: PostRecord): Promise<void> {
  const kept = new Set(listEmbedVariants(after).map((variant) => embedObjectKey(after.id, variant)));
  const stale = listEmbedVariants(before)
    .map((variant) => embedObjectKey(before.id, variant))
    .filter((key) => !kept.has(key));
  if (stale.length === 0) return;
  await deps.objects.deleteMany(stale).catch((error: unknown) => {
    deps.log?.warn('embed pages of slides the post no longer has could not be removed', {
      postId: after.id,
      error: error instanceof Error ? error.message : String(error),
    });
  });
}

/**
 * The record write and its pages run together, both settled before anything is decided, so
 * neither rejects unobserved when a store dies mid-capture. A lost race puts the winner's pages
 * back over ours; any other failed write takes our pages down again, so no embed exists for a
 * post that is not archived.
 */
async function createAlongsidePages(deps: PostWriteDeps, record: PostRecord, journal: JournalEntry, indexedAs?: PostRecord): Promise<void> {
  // The record's write (the longer chain: the record, then its journal) goes out before the
  // pages are rendered, so rendering overlaps its round trip instead of delaying it. Settled as
  // it starts, so a failure during the wait is observed.
  const creating = Promise.allSettled([deps.posts.create(record, journal)]);
  await new Promise<void>((resolve) => setImmediate(resolve));
  const publishing = deps.publish(record, { created: true, ...(indexedAs ? { indexedAs } : {}) });
  const [[created], [published]] = await Promise.all([creating, Promise.allSettled([publishing])]);
  if (created.status === 'rejected') {
    const error: unknown = created.reason;
    if (error instanceof ConflictError && error.existing) {
      const existing = error.existing as PostRecord;
      if (indexedAs) await withdrawIndex(deps, indexedAs, existing);
      await deps.publish(existing);
      throw error;
    }
    // The put may have landed and only writing out its journal failed: then the record stands
    // and keeps its pages (a later read finishes the journal).
    const lookup = await deps.posts.get(record.id).then(
      (found) => ({ found }),
      () => null,
    );
    const stored = lookup?.found ?? null;
    if (stored?.revision !== record.revision || stored.capturedAt !== record.capturedAt) {
      // Search items only when the read said what stands: unread, ours may have landed.
      if (indexedAs && lookup) await withdrawIndex(deps, indexedAs, stored);
      await deps.objects
        .deleteMany(listEmbedVariants(record).map((variant) => embedObjectKey(record.id, variant)))
        .catch((cleanup: unknown) => {
          deps.log?.warn('embed pages of a post that was not archived could not be removed', {
            postId: record.id,
            error: cleanup instanceof Error ? cleanup.message : String(cleanup),
          });
        });
    }
    throw error;
  }
  // The record stands either way; a missing embed page is written by the next capture.
  if (published.status === 'rejected') throw published.reason;
}

/**
 * Takes down search items written ahead for a record that was not created, sparing what the
 * record stored under its id (`kept`, another capture's when one won) needs. Without `kept`
 * it is read here; when that read fails nothing is taken down, since the items may be the
 * stored record's own. A failure is logged, not answered: items left behind are never a hit
 * (docs/adr/0012-library-search-index.md).
 */
export async function withdrawIndex(deps: PostWriteDeps, record: PostRecord, kept?: PostRecord | null): Promise<void> {
  const indexAhead = deps.indexAhead;
  if (!indexAhead) return;
  const stands = kept !== undefined ? kept : await deps.posts.get(record.id).catch(() => undefined);
  if (stands === undefined) return;
  await indexAhead.withdraw(record, stands).catch((error: unknown) => {
    deps.log?.warn('search items of a post that was not archived could not be removed', {
      postId: record.id,
      error: error instanceof Error ? error.message : String(error),
    });
  });
}

/** Creates a record, or answers the one another writer created first. */
export async function createPost(
  deps: PostWriteDeps,
  record: PostRecord,
  change: Change,
  indexedAs?: PostRecord,
): Promise<{ post: PostRecord; created: boolean }> {
  try {
    return { post: await commitPost(deps, null, record, change, indexedAs), created: true };
  } catch (error) {
    if (error instanceof ConflictError && error.existing) return { post: error.existing as PostRecord, created: false };
    throw error;
  }
}
