import pLimit from 'p-limit';
import { PayloadTooLargeError, PostUnavailableError, UpstreamError } from '../errors.js';
import { toOEmbed } from '../oembed/index.js';
import type { Actor } from '../people/person.js';
import { toArticleRecord, withArticleFields } from '../post/article-record.js';
import type { PostRecord } from '../post/post.js';
import { postIdForContent } from '../post/post-id.js';
import { type PostJson, toPostJson } from '../post/post-json.js';
import {
  type ArticleFormat,
  encodeReplacement,
  type FindOptions,
  type FindResult,
  type FoundEmbed,
  type FoundForm,
  type Review,
  replaceEmbeds,
} from '../rescue/index.js';
import type { PostService } from './post-service.js';

/** What happened to one post found in an article. */
export type RescueOutcome = 'archived' | 'already-archived' | 'gone' | 'article-only' | 'dry-run';

/** A Post plus how the article held it, what happened to it, and how sure the rescue is (for an editor's review). */
export type RescuedJson = PostJson & { readonly found: FoundForm; readonly outcome: RescueOutcome; readonly review: Review };

export interface RescueResult {
  readonly posts: readonly RescuedJson[];
  readonly html: string;
  /** A dry run reports at most MAX_DRY_RUN_ENTRIES entries; true when more followed. */
  readonly truncated: boolean;
  /** Article offset (UTF-16) after the last entry reported when truncated, else null. */
  readonly stoppedAt: number | null;
}

/** Reads an article for its embeds: on a thread of its own in the service (shared/adapters/rescue-reader-thread.ts). */
export type ReadArticle = (article: string, format: ArticleFormat, now: Date, options: FindOptions) => Promise<FindResult>;

export interface RescueDeps {
  readonly service: PostService;
  readonly read: ReadArticle;
  readonly now: () => Date;
  readonly publicBaseUrl: string;
}

/**
 * One request captures at most this many distinct posts, so it ends well within the CDN's
 * 60 s origin timeout even when every post needs its images processed; a dry run has no limit.
 */
export const MAX_POSTS_PER_RESCUE = 30;
/** A dry run lists at most this many entries and says where it stopped, so its answer stays small. */
export const MAX_DRY_RUN_ENTRIES = 1000;

/**
 * Rescue: every Instagram post an article holds becomes an archived post, captured from
 * Instagram where it still exists and kept from the article's own words where it does not; the
 * article comes back with each embed replaced by ours and every other byte untouched.
 */
export class RescueService {
  constructor(private readonly deps: RescueDeps) {}

  async rescue(article: string, format: ArticleFormat, options: { dryRun: boolean; actor: Actor }): Promise<RescueResult> {
    const result = await this.deps.read(article, format, this.deps.now(), options.dryRun ? { maxEmbeds: MAX_DRY_RUN_ENTRIES } : {});
    const found = result.embeds;
    const groups = new Map<string, FoundEmbed[]>();
    for (const embed of found) {
      const key = embed.shortcode ? `s:${embed.shortcode}` : `t:${embed.contentKey ?? `${embed.start}`}`;
      const group = groups.get(key);
      if (group) group.push(embed);
      else groups.set(key, [embed]);
    }
    if (!options.dryRun && groups.size > MAX_POSTS_PER_RESCUE) {
      throw new PayloadTooLargeError(
        `The article holds ${groups.size} different posts; one request archives at most ${MAX_POSTS_PER_RESCUE}. Split it, or use npm run rescue.`,
      );
    }

    const limit = pLimit(3);
    const settled = await Promise.all(
      [...groups.values()].map((embeds) =>
        limit(async () => ({ embeds, ...(await this.keep(mergeFound(embeds), options.dryRun, options.actor)) })),
      ),
    );

    // A dry run answers up to 1,000 posts, each rendered as JSON and as our embed: that is run
    // in steps too, so the event loop gets its turns while it is built.
    return runCooperatively(this.toAnswer(article, result, settled));
  }

  /** The answer: each entry as a Post with what rescue found, and the article with our embeds in. */
  private *toAnswer(
    article: string,
    result: FindResult,
    settled: ReadonlyArray<{ embeds: readonly FoundEmbed[]; record: PostRecord; outcome: RescueOutcome }>,
  ): Generator<void, RescueResult> {
    const entries = new Map<FoundEmbed, RescuedJson>();
    const replacements: Array<{ start: number; end: number; html: string }> = [];
    for (const { embeds, record, outcome } of settled) {
      const json = toPostJson(record, this.deps.publicBaseUrl);
      const html = toOEmbed(record, { baseUrl: this.deps.publicBaseUrl }).html;
      for (const [i, embed] of embeds.entries()) {
        entries.set(embed, { ...json, found: embed.found, outcome, review: embed.review });
        // Inside a JSON or SQL string literal the replacement is escaped the same way.
        replacements.push({ start: embed.start, end: embed.end, html: encodeReplacement(embed.encodings, html) });
        // One post quoted a thousand times is a thousand replacements: a step is a few of them.
        if (i % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
      }
      yield;
    }
    // Entries in the order their embeds stand in the article.
    return {
      posts: result.embeds.map((embed) => entries.get(embed)!),
      html: replaceEmbeds(article, replacements),
      truncated: result.truncated,
      stoppedAt: result.stoppedAt,
    };
  }

  private async keep(found: FoundEmbed, dryRun: boolean, actor: Actor): Promise<{ record: PostRecord; outcome: RescueOutcome }> {
    const now = this.deps.now();
    if (found.shortcode && found.canonicalUrl && !dryRun) {
      // The capture answers an archived post as it is, without asking Instagram again.
      try {
        const { post, created } = await this.deps.service.capture(found.canonicalUrl, actor);
        const merged = withArticleFields(post, found, now);
        const record = merged ? await this.deps.service.mergeRescued(actor, post, merged) : post;
        return { record, outcome: created ? 'archived' : 'already-archived' };
      } catch (error) {
        if (!(error instanceof PostUnavailableError) && !(error instanceof UpstreamError)) throw error;
        const id = await this.deps.service.idFor(found.shortcode);
        return error instanceof PostUnavailableError
          ? this.fromArticle(id, found, 'removed', 'gone', actor)
          : this.fromArticle(id, found, 'unknown', 'article-only', actor);
      }
    }
    const id = found.shortcode ? await this.deps.service.idFor(found.shortcode) : postIdForContent(found.contentKey ?? '');
    const existing = await this.deps.service.find(id);
    if (dryRun)
      return existing
        ? { record: existing, outcome: 'already-archived' }
        : { record: toArticleRecord(id, found, 'unknown', now), outcome: 'dry-run' };
    if (existing) {
      const merged = withArticleFields(existing, found, now);
      const record = merged ? await this.deps.service.mergeRescued(actor, existing, merged) : existing;
      return { record, outcome: 'already-archived' };
    }
    return this.fromArticle(id, found, 'unknown', 'article-only', actor);
  }

  private async fromArticle(id: string, found: FoundEmbed, status: 'removed' | 'unknown', outcome: RescueOutcome, actor: Actor) {
    const { post, created } = await this.deps.service.createFromArticle(actor, toArticleRecord(id, found, status, this.deps.now()));
    return { record: post, outcome: created ? outcome : ('already-archived' as const) };
  }
}

/** A step of the answer writes at most this many entries (each an escaped copy of our embed, a few kilobytes). */
const ENTRIES_PER_STEP = 32;

/** One turn of the event loop builds the answer for at most this long before other requests get theirs. */
const TURN_MS = 8;

/**
 * Drives the answer's work step by step (a few entries of up to a dry run's 1,000), as many steps a
 * turn as fit in TURN_MS, then gives the event loop a turn, so /healthz and other requests are
 * answered meanwhile (docs/adr/0011-rescue-reads-tokens-once.md).
 */
async function runCooperatively<T>(run: Generator<void, T>): Promise<T> {
  for (;;) {
    const turnStart = performance.now();
    let step = run.next();
    while (!step.done && performance.now() - turnStart < TURN_MS) step = run.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The same post quoted twice: each field from the first occurrence that has it. */
function mergeFound(embeds: readonly FoundEmbed[]): FoundEmbed {
  const [first, ...rest] = embeds as [FoundEmbed, ...FoundEmbed[]];
  const merged = { ...first, author: { ...first.author } };
  for (const e of rest) {
    merged.author.name ??= e.author.name;
    merged.author.handle ??= e.author.handle;
    merged.caption ??= e.caption;
    if (merged.takenAt === null && e.takenAt !== null) {
      merged.takenAt = e.takenAt;
      merged.takenAtSource = e.takenAtSource;
    }
  }
  return merged;
}
