import pLimit from 'p-limit';
import type { ProcessedImage, ProcessedVariant } from '../adapters/image-processing.js';
import type { ObjectStore } from '../adapters/object-store.js';
import type { PostTable } from '../adapters/post-table.js';
import type { UpstreamFetch } from '../adapters/upstream-fetch.js';
import { DEFAULT_VARIANT, embedObjectKey, listEmbedVariants } from '../embed/index.js';
import { ConflictError, InvalidInputError, NotFoundError, UpstreamError } from '../errors.js';
import { type PostUrl, parseInstagramUrl, toCanonicalUrl } from '../instagram/url.js';
import { type CaptureFindings, toNewRecord, toRefreshedRecord, toRemovedRecord } from '../post/capture-record.js';
import { type Correction, toCorrectedRecord } from '../post/correction.js';
import type { PostRecord } from '../post/post.js';
import { archiveMedia, mediaKeys } from './media-archive.js';
import { type EvidenceObject, readUpstream, storeEvidence, toEvidence, unavailable } from './upstream-capture.js';

export interface PostServiceDeps {
  readonly fetch: UpstreamFetch;
  readonly processImage: (bytes: Buffer, onVariant?: (variant: ProcessedVariant) => Promise<void>) => Promise<ProcessedImage>;
  readonly objects: ObjectStore;
  readonly posts: PostTable;
  /** Renders the record's embed pages to storage; runs after every change to a record. */
  readonly publish: (record: PostRecord) => Promise<void>;
  readonly now: () => Date;
}

export interface RecheckSummary {
  readonly scanned: number;
  readonly checked: number;
  readonly removed: number;
  readonly failed: number;
}

export interface CaptureResult {
  readonly post: PostRecord;
  readonly created: boolean;
}

/**
 * The write side: capture, refresh, correct. Every change is one conditional write of the whole
 * record, made only after the media it points to is stored, and followed by publishing the
 * embed, so a reader never sees a record whose images are missing.
 */
export class PostService {
  private readonly inflight = new Map<string, Promise<CaptureResult>>();

  constructor(private readonly deps: PostServiceDeps) {}

  parsePostUrl(input: string): PostUrl {
    const parsed = parseInstagramUrl(input);
    if (parsed.type === 'not-post') throw new InvalidInputError('not_a_post_url', parsed.reason);
    return parsed;
  }

  async get(id: string): Promise<PostRecord> {
    const record = await this.deps.posts.get(id);
    if (!record) throw new NotFoundError(`No archived post has the id ${id}.`);
    return record;
  }

  /** The id of the record that holds a shortcode (see PostTable.findByShortcode). */
  async idFor(shortcode: string): Promise<string> {
    return (await this.deps.posts.findByShortcode(shortcode)).id;
  }

  /** Archives the post behind a URL, or answers the existing record; concurrent calls share one capture. */
  async capture(input: string): Promise<CaptureResult> {
    const ref = this.parsePostUrl(input);
    const { id, record } = await this.deps.posts.findByShortcode(ref.shortcode);
    const running = this.inflight.get(id);
    if (running) return running.then((result) => ({ post: result.post, created: false }));
    const job = this.captureOnce(ref, id, record).finally(() => this.inflight.delete(id));
    this.inflight.set(id, job);
    return job;
  }

  private async captureOnce(ref: PostUrl, id: string, existing: PostRecord | null): Promise<CaptureResult> {
    if (existing) {
      // A record whose publishing failed last time gets its embed now; otherwise nothing is rewritten.
      if (!(await this.deps.objects.exists(embedObjectKey(id, DEFAULT_VARIANT)))) await this.deps.publish(existing);
      return { post: existing, created: false };
    }
    const reading = await readUpstream(ref, this.deps);
    if (reading.type === 'gone') throw unavailable(reading.reason);
    const now = this.deps.now();
    const media = await archiveMedia(reading.embedPage.media, this.deps);
    const evidence = toEvidence(id, reading.raw, now);
    const findings: CaptureFindings = {
      ref,
      embedPage: reading.embedPage,
      postPage: reading.postPage,
      media,
      evidence: evidence.map((e) => e.key),
    };
    const record = toNewRecord(id, findings, now);
    // Every object the embed points at is stored by now, so the pages are complete whichever
    // lands first: they are written alongside the record, and so is the evidence (shown to nobody).
    const [created, stored, published] = await Promise.allSettled([
      this.deps.posts.create(record),
      storeEvidence(evidence, this.deps.objects),
      this.deps.publish(record),
    ]);
    if (created.status === 'rejected') {
      const error: unknown = created.reason;
      // Another process archived it first: its record is the one (ours was the same post), and
      // its pages are put back over the ones just written.
      if (error instanceof ConflictError && error.existing) {
        const existing = error.existing as PostRecord;
        await this.deps.publish(existing);
        return { post: existing, created: false };
      }
      // No record: take the pages down again so no embed exists for a post that is not archived.
      await this.deps.objects.deleteMany(listEmbedVariants(record).map((variant) => embedObjectKey(id, variant))).catch(() => {});
      throw error;
    }
    // The record stands either way; a missing embed page is written by the next capture (see above).
    for (const outcome of [stored, published]) if (outcome.status === 'rejected') throw outcome.reason;
    return { post: record, created: true };
  }

  /** Captures the original again; a post found gone keeps everything it had and turns `removed`. */
  async refresh(id: string): Promise<PostRecord> {
    const current = await this.get(id);
    if (current.status === 'hidden') {
      throw new ConflictError('This post was taken down; it is not captured again.', current);
    }
    if (!current.shortcode || !current.kind) {
      throw new InvalidInputError('no_url', 'This post has no Instagram URL to refresh from; attach one with PATCH first.');
    }
    const ref: PostUrl = {
      type: 'post',
      shortcode: current.shortcode,
      kind: current.kind,
      canonicalUrl: toCanonicalUrl(current.kind, current.shortcode),
      slide: null,
    };
    const reading = await readUpstream(ref, this.deps);
    const now = this.deps.now();
    let next: PostRecord;
    let evidence: EvidenceObject[] = [];
    if (reading.type === 'gone') {
      next = toRemovedRecord(current, now);
    } else {
      const media = await archiveMedia(reading.embedPage.media, this.deps);
      evidence = toEvidence(id, reading.raw, now);
      next = toRefreshedRecord(
        current,
        { ref, embedPage: reading.embedPage, postPage: reading.postPage, media, evidence: evidence.map((e) => e.key) },
        now,
      );
    }
    await Promise.all([this.deps.posts.replace(next), storeEvidence(evidence, this.deps.objects)]);
    await this.deps.publish(next);
    return next;
  }

  /**
   * Asks Instagram again about posts not checked for `maxAgeMs`, oldest first, at most `limit`
   * of them: posts found gone turn `removed` (and their embeds say so). Failures of single posts
   * are counted, not thrown; the next run tries them again.
   */
  async recheckDue(options: { maxAgeMs: number; limit: number; maxScan?: number }): Promise<RecheckSummary> {
    const due = this.deps.now().getTime() - options.maxAgeMs;
    const maxScan = options.maxScan ?? 5000;
    const ids: string[] = [];
    let scanned = 0;
    let cursor: string | null = null;
    do {
      const page = await this.deps.posts.list(100, cursor, 'oldest');
      for (const post of page.items) {
        scanned += 1;
        const checked = Date.parse(post.checkedAt ?? post.capturedAt);
        if ((post.status === 'live' || post.status === 'unknown') && post.shortcode && checked <= due) ids.push(post.id);
      }
      cursor = page.cursor;
    } while (cursor && ids.length < options.limit && scanned < maxScan);

    const summary = { scanned, checked: 0, removed: 0, failed: 0 };
    const limit = pLimit(2);
    await Promise.all(
      ids.slice(0, options.limit).map((id) =>
        limit(async () => {
          try {
            const after = await this.refresh(id);
            summary.checked += 1;
            if (after.status === 'removed') summary.removed += 1;
          } catch {
            summary.failed += 1;
          }
        }),
      ),
    );
    return summary;
  }

  async correct(id: string, correction: Correction): Promise<PostRecord> {
    const current = await this.get(id);
    const next = toCorrectedRecord(current, correction, this.deps.now());
    await this.deps.posts.replace(next);
    await this.deps.publish(next);
    return next;
  }

  /**
   * Takedown: the post becomes a tombstone that keeps only its attribution and dates; its media
   * and the raw pages it was captured from are purged from storage. The record is written first,
   * so the published tombstone never points at purged images.
   */
  async hide(id: string, reason: string): Promise<PostRecord> {
    const current = await this.get(id);
    const now = this.deps.now();
    const next: PostRecord = {
      ...current,
      status: 'hidden',
      hidden: { reason, at: now.toISOString() },
      caption: null,
      media: [],
      evidence: [],
      updatedAt: now.toISOString(),
      version: current.version + 1,
    };
    await this.deps.posts.replace(next);
    await this.deps.publish(next);
    await this.deps.objects.deleteMany([...mediaKeys(current.media), ...current.evidence]);
    return next;
  }

  /**
   * Attaches an Instagram URL to a post that has none (one rescued from leftover text), then
   * merges what a capture finds. A post that already has a different URL keeps it: that would be
   * another post.
   */
  async attachUrl(id: string, url: string, correction: Correction): Promise<PostRecord> {
    const ref = this.parsePostUrl(url);
    let current = await this.get(id);
    if (current.shortcode && current.shortcode !== ref.shortcode) {
      throw new ConflictError(`This post is already ${current.shortcode}; archive the other URL as its own post.`, current);
    }
    const owner = (await this.deps.posts.findByShortcode(ref.shortcode)).record;
    if (owner && owner.id !== id) {
      throw new ConflictError(`That URL is already archived as post ${owner.id}.`, owner);
    }
    const now = this.deps.now();
    if (!current.shortcode) {
      // The alias first: if it loses a race, the record has not been touched.
      await this.deps.posts.putAlias(ref.shortcode, id);
      current = {
        ...current,
        shortcode: ref.shortcode,
        kind: ref.kind,
        provenance: { ...current.provenance, url: 'editor' },
        updatedAt: now.toISOString(),
        version: current.version + 1,
      };
      await this.deps.posts.replace(current);
    }
    if (Object.keys(correction).length > 0) {
      current = toCorrectedRecord(current, correction, now);
      await this.deps.posts.replace(current);
    }
    try {
      return await this.refresh(id);
    } catch (error) {
      // The URL is attached either way; a failed capture leaves the record as the editor made it.
      if (error instanceof UpstreamError) {
        await this.deps.publish(current);
        return current;
      }
      throw error;
    }
  }
}
