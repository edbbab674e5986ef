import type { ObjectStore } from '../adapters/object-store.js';
import type { PostTable } from '../adapters/post-table.js';
import type { RandomSource } from '../adapters/random.js';
import type { UpstreamFetch } from '../adapters/upstream-fetch.js';
import { DEFAULT_VARIANT, embedObjectKey } from '../embed/index.js';
import { InvalidInputError } from '../errors.js';
import { type PostUrl, parseInstagramUrl } from '../instagram/url.js';
import type { Log } from '../log.js';
import type { Actor } from '../people/person.js';
import type { Correction } from '../post/correction.js';
import type { PostRecord, TakedownNotice } from '../post/post.js';
import type { Version } from '../post/versions.js';
import { capturePost, checkPost } from './capture-pipeline.js';
import { attachUrl, correctPost } from './corrections.js';
import type { MediaArchiveDeps } from './media-archive.js';
import { commitPost, createPost, getPost, type IndexAhead, type PublishOptions } from './post-writer.js';
import { type RecheckSummary, recheckDue } from './recheck.js';
import { hidePost, purgePost, unhidePost } from './takedown.js';

export type { RecheckSummary };

export interface PostServiceDeps {
  readonly fetch: UpstreamFetch;
  readonly processImage: MediaArchiveDeps['processImage'];
  readonly objects: ObjectStore;
  readonly posts: PostTable;
  /** Renders the record's embed pages to storage and indexes it (see PostWriteDeps). */
  readonly publish: (record: PostRecord, options?: PublishOptions) => Promise<void>;
  /** A capture's search items written while its images are encoded (see PostWriteDeps). */
  readonly indexAhead?: IndexAhead;
  readonly now: () => Date;
  readonly random: RandomSource;
  /** Where failures that are counted rather than thrown (one post of a re-check) are reported. */
  readonly log?: Log;
}

export interface CaptureResult {
  readonly post: PostRecord;
  readonly created: boolean;
}

/**
 * The write side, one entry point per verb; each verb is its own module (capture-pipeline,
 * corrections, takedown, recheck) and every change goes through post-writer. Routes and rescue
 * call this, never the table.
 */
export class PostService {
  private readonly inflight = new Map<string, Promise<CaptureResult>>();

  constructor(private readonly deps: PostServiceDeps) {}

  parsePostUrl(input: string): PostUrl {
    const parsed = parseInstagramUrl(input);
    if (parsed.type === 'not-post') throw new InvalidInputError('not_a_post_url', parsed.reason);
    return parsed;
  }

  get(id: string): Promise<PostRecord> {
    return getPost(this.deps, id);
  }

  /** The record, or null: for callers to whom a missing post is an expected answer (rescue). */
  find(id: string): Promise<PostRecord | null> {
    return this.deps.posts.get(id);
  }

  list(limit: number, cursor: string | null) {
    return this.deps.posts.list(limit, cursor);
  }

  /** Every version of a post, newest first; a journal left unfinished by a failed write is finished first. */
  async versions(id: string): Promise<Version[]> {
    await this.get(id);
    await this.deps.posts.finishJournal(id);
    return this.deps.posts.listVersions(id);
  }

  /** The id of the record that holds a shortcode (see PostTable.getByShortcode). */
  async idFor(shortcode: string): Promise<string> {
    return (await this.deps.posts.getByShortcode(shortcode)).id;
  }

  /** Archives the post behind a URL, or answers the existing record; concurrent calls share one capture. */
  async capture(input: string, actor: Actor): Promise<CaptureResult> {
    const ref = this.parsePostUrl(input);
    const { id, record } = await this.deps.posts.getByShortcode(ref.shortcode, { expectNew: true });
    const running = this.inflight.get(id);
    if (running) return running.then((result) => ({ post: result.post, created: false }));
    const job = (record ? this.existing(record) : capturePost(this.deps, ref, id, actor)).finally(() => this.inflight.delete(id));
    this.inflight.set(id, job);
    return job;
  }

  /** A record whose publishing failed last time gets its embed now; otherwise nothing is rewritten. */
  private async existing(record: PostRecord): Promise<CaptureResult> {
    if (!(await this.deps.objects.exists(embedObjectKey(record.id, DEFAULT_VARIANT)))) await this.deps.publish(record);
    return { post: record, created: false };
  }

  /** Captures the original again now; a post found gone keeps everything it had and turns `removed`. */
  async refresh(id: string, actor: Actor): Promise<PostRecord> {
    return (await checkPost(this.deps, await this.get(id), actor, 'refresh')).record;
  }

  recheckDue(options: { maxAgeMs: number; limit: number }): Promise<RecheckSummary> {
    return recheckDue(this.deps, options);
  }

  correct(id: string, actor: Actor, correction: Correction): Promise<PostRecord> {
    return correctPost(this.deps, id, actor, correction);
  }

  attachUrl(id: string, actor: Actor, url: string, correction: Correction): Promise<PostRecord> {
    return attachUrl(this.deps, id, actor, this.parsePostUrl(url), correction);
  }

  hide(id: string, actor: Actor, input: { reason: string; notice: TakedownNotice | null }): Promise<PostRecord> {
    return hidePost(this.deps, id, actor, input);
  }

  unhide(id: string, actor: Actor): Promise<PostRecord> {
    return unhidePost(this.deps, id, actor);
  }

  purge(id: string, actor: Actor, reason: string): Promise<PostRecord> {
    return purgePost(this.deps, id, actor, reason);
  }

  /** Rescue found more of an archived post in an article: a version with source `rescue`. */
  mergeRescued(actor: Actor, current: PostRecord, merged: PostRecord): Promise<PostRecord> {
    return commitPost(this.deps, current, merged, { actor, action: 'rescue', summary: 'Filled in from an article.', source: 'rescue' });
  }

  /** A post kept from an article's own words: version 1 with source `rescue`. */
  createFromArticle(actor: Actor, record: PostRecord): Promise<CaptureResult> {
    return createPost(this.deps, record, { actor, action: 'rescue', summary: 'Kept from an article.', source: 'rescue' });
  }
}
