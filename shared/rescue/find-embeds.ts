import { type ScannedDocument, scanDocument } from './document.js';
import { isPlaceholderHandle, isPlaceholderShortcode } from './placeholders.js';
import { readEncoded } from './rules/encoded.js';
import { mergeExports } from './rules/exports.js';
import { findJoinedLiterals, insideLiterals } from './rules/joined-literals.js';
import { readLeftoverText } from './rules/leftovers.js';
import { readLinks } from './rules/links.js';
import { readStructural } from './rules/markup.js';
import { growRange, withoutOverlaps } from './rules/ranges.js';
import { IGNORED, type RuleContext } from './rules/rule.js';
import type { ArticleFormat, FoundEmbed } from './types.js';
import { runToEnd, Work } from './work.js';

/** Escaping inside escaping (consent attribute holding a base64 template…) is followed this deep. */
const MAX_DEPTH = 3;

export interface FindOptions {
  /** Stop after this many embeds (a dry run's bound); the result says where it stopped. */
  readonly maxEmbeds?: number;
}

export interface FindResult {
  readonly embeds: FoundEmbed[];
  /** More embeds may follow `stoppedAt`: the bound was reached. */
  readonly truncated: boolean;
  /** Article offset where reading stopped when truncated, else null. */
  readonly stoppedAt: number | null;
  /** Units of work done (tokens, rule evaluations): linear in the input. */
  readonly work: number;
}

/**
 * Every Instagram embed in an article, in article order, with what the article itself carries.
 * One pass of htmlparser2's Tokenizer builds the text and the element table; each form is a small
 * rule over them, first match wins; decoded copies are read by the same rules and mapped back.
 */
export function findEmbeds(article: string, format: ArticleFormat, now: Date): FoundEmbed[] {
  return findEmbedsDetailed(article, format, now).embeds;
}

export function findEmbedsDetailed(article: string, format: ArticleFormat, now: Date, options: FindOptions = {}): FindResult {
  return runToEnd(readArticle(article, format, now, options));
}

/**
 * The same, as a generator that yields every few thousand units of work, so that a server can
 * give its event loop a turn between steps (shared/services/rescue-service.ts drives it).
 */
export function* readArticle(article: string, format: ArticleFormat, now: Date, options: FindOptions = {}): Generator<void, FindResult> {
  const work = new Work();
  const limit = options.maxEmbeds ?? MAX_ENTRIES;
  const cut = { at: null as number | null };
  const embeds = yield* findAt(article, format, now, 0, work, limit, cut);
  return { embeds, truncated: cut.at !== null, stoppedAt: cut.at, work: work.steps };
}

/** Beyond this many entries an article is not read further (a request archives at most 30 posts anyway). */
const MAX_ENTRIES = 20_000;

/**
 * The first `limit` real embeds of a sorted list (ignored ranges before the cut stay, for coverage),
 * and where the cut fell, or null when nothing was cut.
 */
function capAt(list: readonly FoundEmbed[], limit: number): { kept: FoundEmbed[]; at: number | null } {
  let count = 0;
  for (let i = 0; i < list.length; i += 1) {
    const embed = list[i] as FoundEmbed;
    if (embed.found === IGNORED) continue;
    count += 1;
    if (count === limit && i < list.length - 1 && list.slice(i + 1).some((e) => e.found !== IGNORED)) {
      return { kept: list.slice(0, i + 1), at: embed.end };
    }
  }
  return { kept: [...list], at: null };
}

/**
 * The rules in their order over one document (the article, or a decoded copy of part of it):
 * markup and decoded copies first, then links alone on their line, then leftover text between
 * what was found, then exports' split embeds merged. First match wins, by position.
 */
function* findAt(
  source: string,
  format: ArticleFormat,
  now: Date,
  depth: number,
  work: Work,
  limit: number,
  cut: { at: number | null },
): Generator<void, FoundEmbed[]> {
  const doc = yield* scanDocument(source, format, work);
  const context: RuleContext = {
    doc,
    now,
    depth,
    work,
    limit,
    canDecode: depth < MAX_DEPTH,
    readCopy: (text) => findAt(text, 'html', now, depth + 1, work, limit, { at: null }),
    readTextCopy: (text) => findAt(text, 'text', now, depth + 1, work, limit, { at: null }),
  };
  // Markup in string pieces joined over lines is read once, from its decoded copy, not also as it stands.
  const joined = context.canDecode ? yield* findJoinedLiterals(context) : [];
  const structural = yield* readStructural(context, insideLiterals(joined));
  const encoded = context.canDecode ? yield* readEncoded(context, joined) : [];
  const early = capAt(withoutOverlaps([...structural, ...encoded].map(unlessSample)), limit);
  // Past the cut nothing is reported, so nothing there needs reading.
  const horizon = early.at ?? source.length;
  const covered = yield* grownOverWrappers(doc, early.kept, work);
  const links = capAt((yield* readLinks(context, covered, horizon)).map(unlessSample), limit);
  const withLinks = withoutOverlaps([...covered, ...links.kept]);
  const leftovers = capAt((yield* readLeftoverText(context, withLinks, horizon)).map(unlessSample), limit);
  const all = capAt(mergeExports(doc.source, withoutOverlaps([...withLinks, ...leftovers.kept]), now), limit);
  // More links or leftovers than the bound are more posts than the bound, wherever the others stand.
  const at = all.at ?? early.at ?? links.at ?? leftovers.at;
  if (depth === 0 && at !== null) cut.at = all.at ?? all.kept.filter((e) => e.found !== IGNORED).at(-1)?.end ?? at;
  return all.kept.filter((embed) => embed.found !== IGNORED);
}

/**
 * Embed code naming a placeholder where the shortcode goes (`/p/postid/`) is a sample of the code:
 * its range is kept, so that nothing inside it is read as a leftover, but it is no post. So is a
 * post without a shortcode whose byline names a placeholder where the handle goes ("(@handle)").
 */
function unlessSample(embed: FoundEmbed): FoundEmbed {
  const sample = isPlaceholderShortcode(embed.shortcode) || (embed.shortcode === null && isPlaceholderHandle(embed.author.handle));
  return sample ? { ...embed, found: IGNORED } : embed;
}

/** Each markup embed takes in what exists only to hold it (shared/rescue/rules/ranges.ts). */
function* grownOverWrappers(doc: ScannedDocument, kept: readonly FoundEmbed[], work: Work): Generator<void, FoundEmbed[]> {
  const grown: FoundEmbed[] = [];
  for (const embed of kept) {
    grown.push({ ...embed, ...growRange(doc, embed.start, embed.end, kept) });
    work.step(8);
    if (work.due()) yield;
  }
  return withoutOverlaps(grown);
}
