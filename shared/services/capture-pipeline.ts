import type { ObjectStore } from '../adapters/object-store.js';
import type { UpstreamFetch } from '../adapters/upstream-fetch.js';
import { InvalidInputError } from '../errors.js';
import { type PostUrl, toCanonicalUrl } from '../instagram/url.js';
import type { Actor } from '../people/person.js';
import {
  type CaptureFindings,
  diffUpstream,
  seenOf,
  toCheckedRecord,
  toFreshCopy,
  toNewRecord,
  toRefreshedRecord,
  toRemovedRecord,
} from '../post/capture-record.js';
import type { PostRecord, StoredMedia } from '../post/post.js';
import { assertWritable } from '../post/transitions.js';
import { archiveMedia, type DownloadedImage, fetchMedia, type MediaArchiveDeps } from './media-archive.js';
import { commitPost, createPost, type PostWriteDeps, withdrawIndex } from './post-writer.js';
import { fetchUpstreamPost, putEvidence, toEvidence, type UpstreamReading, unavailable } from './upstream-capture.js';

export type PipelineDeps = PostWriteDeps & MediaArchiveDeps & { readonly fetch: UpstreamFetch; readonly objects: ObjectStore };

/** How a check of an archived post ended. `unchanged` wrote nothing but the time of the check. */
export type CheckOutcome = 'unchanged' | 'changed' | 'removed';

/**
 * The capture pipeline, one path for capture, refresh and re-check: fetch the pages, fetch the
 * images (hashed once), archive what is new, keep the raw pages as evidence, write the record
 * with its event and version, publish the embed.
 */
export async function capturePost(deps: PipelineDeps, ref: PostUrl, id: string, actor: Actor) {
  const { reading, downloads: downloading } = await readUpstream(ref, deps);
  if (reading.type === 'gone') throw unavailable(reading.reason);
  const now = deps.now();
  const downloads = await downloading!;
  // The record but for its media and evidence is enough for its search items, which are written
  // while the images are encoded, once every image is known to be kept. Should that fail, the
  // record is indexed when it is published instead.
  const provisional = toNewRecord(id, { ref, embedPage: reading.embedPage, postPage: reading.postPage, media: [], evidence: [] }, now);
  let indexing: Promise<boolean> | undefined;
  const indexAhead = deps.indexAhead;
  const onAccepted = indexAhead
    ? () => {
        indexing ??= indexAhead.write(provisional).then(
          () => true,
          () => false,
        );
      }
    : undefined;
  let findings: CaptureFindings;
  try {
    findings = await storeFindings(deps, id, ref, reading, downloads, now, [], onAccepted);
  } catch (error) {
    // Another capture of the post may have been archived meanwhile: what it needs is spared.
    if (await indexing) await withdrawIndex(deps, provisional);
    throw error;
  }
  const indexed = await indexing;
  const change = { actor, action: 'post.capture', summary: `Archived ${ref.canonicalUrl}.`, source: 'capture' } as const;
  return createPost(deps, toNewRecord(id, findings, now), change, indexed ? provisional : undefined);
}

/**
 * Asks Instagram about an archived post again. What Instagram serves (caption, display name,
 * the content hashes of the downloaded images) is compared with what the last check saw before
 * any image is processed: when nothing changed, only the check time is written (no encoding, no
 * upload, no event, no re-publish). A change writes only what changed: new images, the record,
 * its event and version, the embed.
 *
 * `recheck` (the schedule, acting as the system) keeps showing the archived copy and marks it
 * edited on Instagram; `refresh` (an editor's request) shows Instagram's copy as it is now.
 */
export async function checkPost(
  deps: PipelineDeps,
  current: PostRecord,
  actor: Actor,
  mode: 'refresh' | 'recheck',
): Promise<{ record: PostRecord; outcome: CheckOutcome }> {
  assertWritable(current, 'a new capture');
  if (!current.shortcode || !current.kind) {
    throw new InvalidInputError('no_url', 'This post has no Instagram URL to refresh from; attach one with PATCH first.');
  }
  const canonicalUrl = toCanonicalUrl(current.kind, current.shortcode);
  const ref: PostUrl = { type: 'post', shortcode: current.shortcode, kind: current.kind, canonicalUrl, slide: null };
  const action = mode === 'refresh' ? 'post.refresh' : 'post.recheck';
  const { reading, downloads: downloading } = await readUpstream(ref, deps);
  const now = deps.now();

  if (reading.type === 'gone') {
    if (current.status === 'removed') {
      await deps.posts.touchChecked(current, now);
      return { record: { ...current, checkedAt: now.toISOString() }, outcome: 'unchanged' };
    }
    const record = await commitPost(deps, current, toRemovedRecord(current, now), {
      actor,
      action,
      summary: `Found ${canonicalUrl} gone from Instagram.`,
      source: 'recheck',
    });
    return { record, outcome: 'removed' };
  }

  const downloads = await downloading!;
  const seen = seenOf(current);
  const fresh = toFreshCopy(
    { ref, embedPage: reading.embedPage, postPage: reading.postPage, evidence: [] },
    downloads.map((d) => d.hash),
    now,
  );
  const edits = diffUpstream(seen, fresh);
  const showsSeen = mode === 'recheck' || !current.editedUpstreamAt;
  if (edits.length === 0 && current.status === 'live' && showsSeen) {
    await deps.posts.touchChecked(current, now);
    return { record: { ...current, checkedAt: now.toISOString() }, outcome: 'unchanged' };
  }

  const findings = await storeFindings(deps, current.id, ref, reading, downloads, now, [...current.media, ...(seen?.media ?? [])]);
  const next = mode === 'refresh' ? toRefreshedRecord(current, findings, now) : toCheckedRecord(current, findings, now);
  const summary =
    edits.length > 0 ? `Found ${edits.map((e) => e.field).join(', ')} changed on Instagram.` : `Found ${canonicalUrl} on Instagram again.`;
  // A re-check records what changed on Instagram; a refresh what changed in the archived copy.
  const record = await commitPost(deps, current, next, {
    actor,
    action,
    summary,
    source: 'recheck',
    ...(mode === 'recheck' ? { changes: edits } : {}),
  });
  return { record, outcome: 'changed' };
}

/**
 * Reads the post from Instagram and, once the embed page shows it is there, downloads its images
 * while the post page is still arriving. `downloads` is null when the post is gone; a download
 * failure surfaces when it is awaited, and is observed even when the reading fails first.
 */
async function readUpstream(
  ref: PostUrl,
  deps: PipelineDeps,
): Promise<{ reading: UpstreamReading; downloads: Promise<DownloadedImage[]> | null }> {
  let downloads: Promise<DownloadedImage[]> | null = null;
  const reading = await fetchUpstreamPost(ref, deps, (post) => {
    downloads = fetchMedia(post.media, deps);
    // Observed here so that a failed download is never unhandled; the caller still sees it.
    downloads.catch(() => {});
  });
  return { reading, downloads };
}

/**
 * Stores what a reading found before any record names it: the images not already archived
 * (`known`), and the raw pages as evidence, uploaded while the images are encoded once every
 * image is known to be one (a capture refused for its image stores nothing; `onAccepted` runs
 * then too). A store failing here leaves unreferenced objects, never a record pointing at
 * missing ones.
 */
async function storeFindings(
  deps: PipelineDeps,
  id: string,
  ref: PostUrl,
  reading: Extract<UpstreamReading, { type: 'found' }>,
  downloads: readonly DownloadedImage[],
  now: Date,
  known: readonly StoredMedia[] = [],
  onAccepted?: () => void,
): Promise<CaptureFindings> {
  const evidence = toEvidence(id, reading.raw, now);
  // Settled as it starts, so a failure while the images are still encoding is never unobserved.
  let stored: Promise<PromiseSettledResult<void>> | undefined;
  const storeEvidence = (): Promise<PromiseSettledResult<void>> => {
    stored ??= putEvidence(evidence, deps.objects).then(
      (): PromiseSettledResult<void> => ({ status: 'fulfilled', value: undefined }),
      (reason: unknown): PromiseSettledResult<void> => ({ status: 'rejected', reason }),
    );
    return stored;
  };
  let media: StoredMedia[];
  try {
    media = await archiveMedia(downloads, deps, known, () => {
      void storeEvidence();
      onAccepted?.();
    });
  } catch (error) {
    // Evidence already started is waited for, so nothing is still writing when this answers.
    await stored;
    throw error;
  }
  const outcome = await storeEvidence();
  if (outcome.status === 'rejected') throw outcome.reason;
  return { ref, embedPage: reading.embedPage, postPage: reading.postPage, media, evidence: evidence.map((e) => e.key) };
}
