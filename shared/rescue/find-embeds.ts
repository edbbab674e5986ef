import { parseInstagramUrl } from '../instagram/url.js';
import { findBylines, HEADER_SOURCE } from './byline.js';
import { type DecodedCopy, decodeBackslashCopy, decodeBase64Copy, decodeCommentPrefixCopy, decodeEntitiesCopy } from './decode.js';
import { type Attribute, type ScannedDocument, scanDocument } from './document.js';
import { toFoundEmbed } from './embed-record.js';
import { findLeftovers, postLinkIn } from './leftover-text.js';
import { lineEndAfter, lineStartBefore, windowsAround } from './lines.js';
import { CHROME_LINES } from './locales.js';
import { normaliseCaption } from './text.js';
import type { ArticleFormat, EmbedReading, FoundEmbed, FoundForm } from './types.js';
import { Work } from './work.js';

/** Escaping inside escaping (consent attribute holding a base64 template…) is followed this deep. */
const MAX_DEPTH = 3;
/** An unclosed embed element never swallows more than this much of the article. */
const MAX_UNCLOSED = 50_000;
/** Rules give the event loop a turn after this many steps. */
const YIELD_EVERY = 8_000;

const CHROME = new Set(CHROME_LINES.map((line) => line.toLowerCase()));
/** Attributes of an element that exists only to hold an embed (WordPress, Mic.com corpus 43, consent managers corpus 35/36). */
const WRAPPER_MARK = /instagram|embed|consent|cookie|brlbs|borlabs|wp-block|social-media/i;
/** Consent containers keep a placeholder beside the blocked embed: they are part of it (Borlabs Cookie, corpus 36, 2026-11). */
const CONSENT_MARK = /borlabs|brlbs|consent|cookie/i;
const EMBED_SCRIPT = /^(?:https?:)?\/\/(?:www\.|platform\.)?instagram\.com\/[^\s]*embeds?\.js/i;
/** Any Instagram URL as it appears in text (scheme-less and protocol-relative too; corpus urls.jsonl). */
const INSTAGRAM_URL =
  /(?:https?:)?\/\/(?:www\.|m\.)?instagr(?:am\.com|\.am)\/[^\s"'<>[\]()]+|(?<![\w./@-])(?:www\.)?instagram\.com\/[^\s"'<>[\]()]+/gi;

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
  const run = readArticle(article, format, now, options);
  for (let step = run.next(); ; step = run.next()) if (step.done) return step.value;
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
    if (embed.found === ('ignored' as FoundForm)) continue;
    count += 1;
    if (count === limit && i < list.length - 1 && list.slice(i + 1).some((e) => e.found !== ('ignored' as FoundForm))) {
      return { kept: list.slice(0, i + 1), at: embed.end };
    }
  }
  return { kept: [...list], at: null };
}

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
  const structural = yield* readStructural(doc, now, depth, work, limit);
  const encoded = depth < MAX_DEPTH ? yield* readEncoded(doc, now, depth, work, limit) : [];
  const early = capAt(withoutOverlaps([...structural, ...encoded]), limit);
  // Past the cut nothing is reported, so nothing there needs reading.
  const horizon = early.at ?? source.length;
  const kept = early.kept;
  const grown: FoundEmbed[] = [];
  for (const embed of kept) {
    grown.push({ ...embed, ...growRange(doc, embed.start, embed.end, kept) });
    work.step();
    if (work.sinceYield > YIELD_EVERY) {
      work.sinceYield = 0;
      yield;
    }
  }
  const covered = withoutOverlaps(grown);
  const links = yield* readLinks(doc, now, covered, work, horizon, limit);
  const withLinks = withoutOverlaps([...covered, ...capAt(links, limit).kept]);
  const leftovers = yield* readLeftoverText(doc, now, withLinks, work, horizon, limit);
  const all = capAt(mergeExports(doc.source, withoutOverlaps([...withLinks, ...capAt(leftovers, limit).kept]), now), limit);
  const at = all.at ?? early.at;
  if (depth === 0 && at !== null) cut.at = all.at ?? all.kept.filter((e) => e.found !== ('ignored' as FoundForm)).at(-1)?.end ?? at;
  return all.kept.filter((embed) => embed.found !== ('ignored' as FoundForm));
}

function attr(attrs: readonly Attribute[] | null | undefined, name: string): string | undefined {
  return attrs?.find((a) => a.name === name)?.value;
}

function isEmbedBlockquote(attrs: readonly Attribute[] | null | undefined): boolean {
  if (!attrs) return false;
  if (attrs.some((a) => a.escaped)) return false;
  // Class names survive machine translation less often than attribute names: either will do (2026-12).
  return attrs.some((a) => a.name.startsWith('data-instgrm') || (a.name === 'class' && /(?:^|\s)instagram[\w-]*/i.test(a.value)));
}

/** blockquote.instagram-media of every version, amp-instagram, iframes: the markup forms. */
function* readStructural(doc: ScannedDocument, now: Date, depth: number, work: Work, limit: number): Generator<void, FoundEmbed[]> {
  const el = doc.elements;
  const found: FoundEmbed[] = [];
  let real = 0;
  let floor = 0;
  const starts: number[] = [];
  for (let i = 0; i < el.name.length; i += 1) {
    const name = el.name[i];
    if ((name === 'blockquote' && isEmbedBlockquote(el.attrs[i])) || name === 'amp-instagram' || name === 'iframe') starts.push(i);
  }
  // The next embed blockquote after each one, found back to front: an unclosed one ends there.
  const nextBlockquote = new Array<number>(starts.length).fill(-1);
  for (let k = starts.length - 2; k >= 0; k -= 1) {
    const after = starts[k + 1] ?? -1;
    nextBlockquote[k] = el.name[after] === 'blockquote' ? after : (nextBlockquote[k + 1] ?? -1);
  }
  for (let k = 0; k < starts.length; k += 1) {
    work.step();
    if (work.sinceYield > YIELD_EVERY) {
      work.sinceYield = 0;
      yield;
    }
    const i = starts[k] ?? 0;
    const start = el.start[i] ?? 0;
    if (start < floor) continue;
    // One more than the limit is read, so that the caller knows the list was cut.
    if (real > limit) break;
    real = found.length;
    const name = el.name[i];
    const attrs = el.attrs[i];
    let end = el.end[i] ?? 0;
    if (name === 'blockquote' && !el.closed[i]) {
      const next = nextBlockquote[k] ?? -1;
      end = Math.min(end, next >= 0 ? (el.start[next] ?? end) : end, start + MAX_UNCLOSED, doc.source.length);
    }
    if (name === 'amp-instagram') {
      const shortcode = attr(attrs, 'data-shortcode')?.trim();
      if (!shortcode) continue;
      found.push(embedAt(doc, 'amp', start, end, i, { ...emptyReading(), shortcode }, now));
      floor = end;
    } else if (name === 'iframe') {
      const src = attr(attrs, 'src') ?? attr(attrs, 'data-src') ?? '';
      if (!/instagr(?:am\.com|\.am)\//i.test(src) || parseInstagramUrl(src).type !== 'post') continue;
      found.push(embedAt(doc, 'iframe', start, end, i, { ...emptyReading(), permalink: src }, now));
      floor = end;
    } else {
      floor = end;
      if (depth < MAX_DEPTH && commentPrefixed(doc.source, start, work)) {
        const copy = decodeCommentPrefixCopy(doc.source, start, end);
        const inner = yield* findAt(copy.text, 'html', now, depth + 1, work, limit, { at: null });
        found.push(...mapBack(inner, copy, start, end));
        continue;
      }
      const reading = readBlockquote(doc, i, end, work);
      if (!reading) {
        // A profile embed, or an empty shell: not a post, but nothing else may be read inside it.
        found.push({ ...toFoundEmbed('blockquote', start, end, emptyReading(), now), found: 'ignored' as FoundForm });
        continue;
      }
      found.push(embedAt(doc, 'blockquote', start, end, i, reading, now));
    }
  }
  return found;
}

function embedAt(
  doc: ScannedDocument,
  form: FoundForm,
  start: number,
  end: number,
  _element: number,
  reading: EmbedReading,
  now: Date,
): FoundEmbed {
  void doc;
  return toFoundEmbed(form, start, end, reading, now);
}

/** The start tag stands on a doc-comment line (` * <blockquote …`, `// `, `# `). */
function commentPrefixed(source: string, start: number, work: Work): boolean {
  const lineStart = lineStartBefore(source, start, 41, work);
  if (start - lineStart > 40 || lineStart === 0) return false;
  return /^[ \t]*(?:\*|\/\/|#)[ \t]*$/.test(source.slice(lineStart, start));
}

/**
 * Reads `<blockquote class="instagram-media">` of any template version (2–14). Its text is the
 * same text a leftover keeps, so the byline and header rules are shared; the markup adds the
 * permalink attribute, the version and the caption paragraph. v13/v14 markup carries no caption
 * and no date (corpus 29–35, 44, 45), v2 no byline (corpus 13). Null: not a post (a profile embed).
 */
function readBlockquote(doc: ScannedDocument, i: number, end: number, work: Work): EmbedReading | null {
  const el = doc.elements;
  const attrs = el.attrs[i];
  const ts = el.textStart[i] ?? 0;
  const te = Math.min(el.textEnd[i] ?? ts, doc.projection.toTextIndex(end));
  const view = doc.projection.slice(ts, te);
  const permalinkAttr = attr(attrs, 'data-instgrm-permalink');
  if (permalinkAttr !== undefined && parseInstagramUrl(permalinkAttr).type !== 'post') return null;
  const bylines = findBylines(view, work);
  let byline = bylines.at(-1) ?? null;
  const permalink = permalinkAttr ?? postLinkIn(view, 0, view.text.length);
  if (!permalink && !byline) return null;
  const notes: string[] = [];
  if (!byline) {
    // Template words in a language not known (or machine-translated, 2026-12): the last "(@handle)"
    // of the embed is still its author, and a <time datetime> still its time; the name stays unknown.
    byline = unknownByline(view, work);
    if (byline) notes.push('byline-words-unknown');
  }
  const bylineStart = byline?.start ?? view.text.length;
  const header = lastMatch(work.regex('header', HEADER_SOURCE, 'g'), view.text, bylineStart, work);
  const version = Number.parseInt(attr(attrs, 'data-instgrm-version') ?? '', 10);
  // v13 and v14 markup carries no caption text (corpus 29–35, 44, 45): what stands there is chrome.
  // Before the caption, a short line naming Instagram is the header in a language not listed.
  const caption =
    version >= 13
      ? null
      : normaliseCaption(
          view.text.slice(header ?? 0, bylineStart),
          (line, index) =>
            CHROME.has(line.replace(/\.$/, '').toLowerCase()) ||
            (index === 0 && header === null && line.length <= 80 && /Instagram/.test(line)) ||
            // An editor's pasted post URL inside the blockquote is not caption (WordPress, 2025).
            /^(?:https?:)?\/\/(?:www\.)?instagr(?:am\.com|\.am)\/\S*$/i.test(line),
        );
  return {
    permalink,
    name: byline?.name ?? null,
    handle: byline?.handle ?? null,
    caption,
    datetime: byline?.datetime ?? null,
    dateText: byline?.dateText ?? null,
    embedVersion: Number.isInteger(version) ? version : null,
    notes,
  };
}

function unknownByline(
  view: ReturnType<ScannedDocument['projection']['slice']>,
  work: Work,
): ReturnType<typeof findBylines>[number] | null {
  const handles = work.regex('unknown-handle', '[(（][ \\t\\u00a0]*@([A-Za-z0-9._]{1,30})[ \\t\\u00a0]*[)）]', 'g');
  let last: RegExpExecArray | null = null;
  for (let m = handles.exec(view.text); m; m = handles.exec(view.text)) {
    work.step();
    last = m;
  }
  const time = [...view.times].reverse().find((t) => t.datetime);
  if (!last) return null;
  return {
    // The byline's line is not caption.
    start: lineStartBefore(view.text, last.index, 300, work),
    end: last.index + last[0].length,
    name: null,
    handle: last[1] ?? '',
    dateText: null,
    datetime: time?.datetime ?? null,
  };
}

function lastMatch(pattern: RegExp, text: string, before: number, work: Work): number | null {
  let last: number | null = null;
  for (let m = pattern.exec(text); m && m.index + m[0].length <= before; m = pattern.exec(text)) {
    work.step();
    last = m.index + m[0].length;
  }
  return last;
}

/** Attribute values, raw-text bodies, escaped text runs and string literals that hold an embed: decoded and read again. */
function* readEncoded(doc: ScannedDocument, now: Date, depth: number, work: Work, limit: number): Generator<void, FoundEmbed[]> {
  const el = doc.elements;
  const found: FoundEmbed[] = [];
  let literalFloor = 0;
  for (const region of doc.regions) {
    work.step();
    if (found.length > limit) break;
    const container = region.element >= 0 ? { start: el.start[region.element] ?? 0, end: el.end[region.element] ?? 0 } : null;
    if (region.kind === 'attribute' && container && region.value) {
      let value = region.value;
      if (!value.includes('<') && value.includes('&lt;')) value = decodeEntitiesCopy(value, 0, value.length).text;
      const inner = yield* findAt(value, 'html', now, depth + 1, work, limit, { at: null });
      found.push(...inner.map((e) => ({ ...e, start: container.start, end: container.end, encodeReplacement: null })));
    } else if (region.kind === 'raw' && container) {
      const body = doc.source.slice(region.start, region.end);
      if (!/instagr/i.test(body) && !/^[A-Za-z0-9+/=\s]{24,}$/.test(body)) continue;
      const base64 = decodeBase64Copy(body.trim());
      if (base64) {
        if (!/instagr/i.test(base64.text)) continue;
        const inner = yield* findAt(base64.text, 'html', now, depth + 1, work, limit, { at: null });
        found.push(...inner.map((e) => ({ ...e, start: container.start, end: container.end, encodeReplacement: null })));
        continue;
      }
      // Markup kept in a script: in JSON/JS string literals (`\"`, `\u003c`), each decoded once…
      const tag =
        /\\u003c(?:blockquote|amp-instagram|iframe)|\\x3c(?:blockquote|iframe)|<(?:blockquote|amp-instagram|iframe)\b[^>]{0,300}?=\\["']/gi;
      let from = 0;
      let literals = 0;
      for (let m = tag.exec(body); m; m = tag.exec(body)) {
        work.step();
        if (m.index < from) continue;
        literals += 1;
        const at = region.start + m.index;
        const copy = decodeBackslashCopy(doc.source, at);
        const inner = yield* findAt(copy.text, 'html', now, depth + 1, work, limit, { at: null });
        found.push(...mapBack(inner, copy, at, at + copy.text.length));
        from = Math.max(m.index + 1, (copy.offsets?.[copy.text.length] ?? at) - region.start);
        tag.lastIndex = Math.max(tag.lastIndex, from);
      }
      // …or raw (a template literal): the body is read once as HTML.
      if (literals === 0 && /<(?:blockquote|amp-instagram|iframe)\b/i.test(body)) {
        const copy: DecodedCopy = { text: body, offsets: identity(region.start, region.end), encode: (h) => h };
        const inner = yield* findAt(copy.text, 'html', now, depth + 1, work, limit, { at: null });
        found.push(...mapBack(inner, copy, region.start, region.end));
      }
    } else if (region.kind === 'literal') {
      if (region.start < literalFloor) continue;
      const copy = decodeBackslashCopy(doc.source, region.start);
      const inner = yield* findAt(copy.text, 'html', now, depth + 1, work, limit, { at: null });
      const mapped = mapBack(inner, copy, region.start, region.start + copy.text.length);
      found.push(...mapped);
      literalFloor = (copy.offsets?.[copy.text.length] ?? region.start) as number;
      // The literal's bytes are read: nothing else may be found inside them, beside what was.
      let gapStart = region.start;
      for (const embed of [...mapped, { start: literalFloor, end: literalFloor }]) {
        if (embed.start > gapStart)
          found.push({ ...toFoundEmbed('text', gapStart, embed.start, emptyReading(), now), found: 'ignored' as FoundForm });
        gapStart = Math.max(gapStart, embed.end);
      }
    } else if (region.kind === 'text') {
      const runText = doc.source.slice(region.start, region.end);
      const copy = /\\u003c|\\x3c/i.test(runText)
        ? decodeBackslashFrom(doc.source, region.start, runText)
        : decodeEntitiesCopy(doc.source, region.start, region.end);
      if (!/instagr/i.test(copy.text) || !/<(?:blockquote|amp-instagram|iframe)\b/i.test(copy.text)) continue;
      const inner = yield* findAt(copy.text, 'html', now, depth + 1, work, limit, { at: null });
      found.push(...mapBack(inner, copy, region.start, region.end));
    }
  }
  return found;
}

/** A run of JSON-escaped markup standing as text (`\u003cblockquote …`): decoded from its first escape on. */
function decodeBackslashFrom(source: string, start: number, run: string): DecodedCopy {
  const at = run.search(/\\u003c|\\x3c/i);
  return decodeBackslashCopy(source, start + Math.max(0, at));
}

function identity(from: number, to: number): Int32Array {
  const offsets = new Int32Array(to - from + 1);
  for (let k = 0; k <= to - from; k += 1) offsets[k] = from + k;
  return offsets;
}

/** Embeds found in a decoded copy, moved back to the article: precisely through the offsets, else onto the container. */
function mapBack(inner: FoundEmbed[], copy: DecodedCopy, containerStart: number, containerEnd: number): FoundEmbed[] {
  return inner.map((embed) => {
    if (!copy.offsets) return { ...embed, start: containerStart, end: containerEnd, encodeReplacement: null };
    const start = copy.offsets[embed.start] ?? containerStart;
    const end = copy.offsets[embed.end] ?? containerEnd;
    const outer = embed.encodeReplacement;
    const encode = copy.encode;
    return { ...embed, start, end, encodeReplacement: (html: string) => encode(outer ? outer(html) : html) };
  });
}

/**
 * Grows an embed's range over what exists only to hold it: the embed.js script that follows,
 * a wrapping figure / paragraph / marked div whose only content it is, a consent container,
 * the Gutenberg comment pair around a block.
 */
function growRange(
  doc: ScannedDocument,
  start: number,
  end: number,
  all: readonly FoundEmbed[],
  container = -1,
): { start: number; end: number } {
  const el = doc.elements;
  const { source } = doc;
  let s = start;
  let e = end;
  let element = elementStartingAt(doc, s);
  let first = element < 0 ? container : -1;
  for (let guard = 0; guard < 24; guard += 1) {
    const script = scriptAfter(doc, e);
    if (script) {
      e = script;
      continue;
    }
    const before = skipSpaceBack(source, s);
    const after = skipSpaceForward(source, e);
    const open = doc.commentsByEnd.get(before);
    const close = doc.comments.get(after);
    if (open && close && /^\s*wp:[\w/-]*(?:embed|instagram)/i.test(open.text) && /^\s*\/wp:/.test(close.text)) {
      s = open.start;
      e = close.end;
      continue;
    }
    const parent = first >= 0 ? first : element >= 0 ? (el.parent[element] ?? -1) : -1;
    first = -1;
    if (parent < 0) break;
    const name = el.name[parent] ?? '';
    const attrs = el.attrs[parent];
    const pStart = el.start[parent] ?? 0;
    const pEnd = el.closed[parent] ? (el.end[parent] ?? e) : e;
    const marks = (attrs ?? []).filter((a) => a.name !== 'style').some((a) => WRAPPER_MARK.test(a.name) || WRAPPER_MARK.test(a.value));
    const consent = (attrs ?? []).some((a) => a.name !== 'style' && (CONSENT_MARK.test(a.name) || CONSENT_MARK.test(a.value)));
    const wrapperKind =
      name === 'figure' ||
      name === 'p' ||
      ((name === 'script' || name === 'template') && /template/i.test(attr(attrs, 'type') ?? name)) ||
      (['div', 'span', 'section', 'aside', 'center'].includes(name) && marks);
    if (!wrapperKind) break;
    const sole = onlyContent(doc, parent, s, e);
    const single = consent && embedsWithin(all, pStart, el.end[parent] ?? pEnd) <= 1;
    if (!sole && !single) break;
    s = Math.min(s, pStart);
    e = Math.max(e, pEnd);
    element = parent;
  }
  return { start: s, end: e };
}

function elementStartingAt(doc: ScannedDocument, start: number): number {
  const starts = doc.elements.start;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  return starts[lo] === start ? lo : -1;
}

/** The end of an Instagram embed.js `<script>` right after `at`, or null. */
function scriptAfter(doc: ScannedDocument, at: number): number | null {
  const i = skipSpaceForward(doc.source, at);
  if (!doc.source.startsWith('<script', i)) return null;
  const index = elementStartingAt(doc, i);
  if (index < 0) return null;
  const src = attr(doc.elements.attrs[index], 'src') ?? '';
  return EMBED_SCRIPT.test(src) ? (doc.elements.end[index] ?? null) : null;
}

/** The parent holds nothing readable besides [s, e) (white space and NBSP filler aside). */
function onlyContent(doc: ScannedDocument, parent: number, s: number, e: number): boolean {
  const el = doc.elements;
  const { projection } = doc;
  const pts = el.textStart[parent] ?? 0;
  const pte = el.textEnd[parent] ?? 0;
  const its = projection.toTextIndex(s);
  const ite = projection.toTextIndex(e);
  if (its - pts > 400 || pte - ite > 400) return false;
  const blank = (a: number, b: number) => b <= a || projection.text.slice(a, b).trim().length === 0;
  if (!blank(pts, its) || !blank(ite, pte)) return false;
  // No other element with content of its own (an image, another embed) beside it.
  for (let k = parent + 1; k < el.name.length && (el.start[k] ?? 0) < (el.tagEnd[parent] ?? 0) + 2000 && (el.start[k] ?? 0) < s; k += 1) {
    if (el.parent[k] === parent && ['img', 'iframe', 'video', 'picture', 'blockquote'].includes(el.name[k] ?? '')) return false;
  }
  return true;
}

/** How many embeds lie in [start, end), counting to 2 at most (`all` is sorted by start). */
function embedsWithin(all: readonly FoundEmbed[], start: number, end: number): number {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((all[mid]?.start ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  let count = 0;
  for (let i = lo; i < all.length && count < 2; i += 1) {
    const embed = all[i];
    if (!embed || embed.start >= end) break;
    if (embed.end <= end && embed.found !== ('ignored' as FoundForm)) count += 1;
  }
  return count;
}

/**
 * A post URL that stands alone as its own paragraph or line is an embed: WordPress turns it into
 * one (auto-embed; after core ticket #50861 in 2020 such URLs are what is left of old embeds).
 * A link inside a sentence is a citation, not an embed; profile and tag links are not posts.
 */
function* readLinks(
  doc: ScannedDocument,
  now: Date,
  covered: readonly FoundEmbed[],
  work: Work,
  horizon: number,
  limit: number,
): Generator<void, FoundEmbed[]> {
  const { projection, source, format } = doc;
  const text = projection.text;
  const inside = coverage(covered);
  const found: FoundEmbed[] = [];
  const candidates: Array<{ ts: number; te: number; href: string; s: number; e: number; element: number }> = [];
  const headerLine = work.regex('header-line', `^${HEADER_SOURCE}$`, '');
  const textHorizon = horizon >= source.length ? text.length : projection.toTextIndex(horizon);
  for (const link of projection.links) {
    work.step();
    if (link.start >= textHorizon) break;
    if (!/instagr/i.test(link.href)) continue;
    candidates.push({ ts: link.start, te: link.end, href: link.href, s: link.s, e: link.e, element: link.element });
  }
  // URLs are looked for only around the word "instagr" (found by one fast search).
  for (const [from, to] of windowsAround(text, work.regex('instagr-word', 'instagr', 'gi'), 40, 2100, work)) {
    if (from >= textHorizon) break;
    const window = text.slice(from, to);
    const urls = work.regex('url', INSTAGRAM_URL.source, 'gi');
    for (let w = urls.exec(window); w && from + w.index < textHorizon; w = urls.exec(window)) {
      work.step();
      if (work.sinceYield > YIELD_EVERY) {
        work.sinceYield = 0;
        yield;
      }
      const at = from + w.index;
      if (projection.links.length > 0 && linkCovers(projection.links, at)) continue;
      // Auto-embed URLs whose line breaks were lost run together: each one is a candidate.
      let offset = 0;
      for (const piece of w[0].split(/(?=https?:\/\/)/i)) {
        const url = piece.replace(/[.,;:!?]+$/, '');
        const ts = at + offset;
        const te = ts + url.length;
        offset += piece.length;
        candidates.push({ ts, te, href: url, s: projection.toSourceStart(ts), e: projection.toSourceEnd(te), element: -1 });
      }
    }
  }
  candidates.sort((a, b) => a.ts - b.ts);
  // A run of URLs written back to back stands alone as a whole, or none of them does.
  const glued = (a: (typeof candidates)[number] | undefined, b: (typeof candidates)[number] | undefined) =>
    a !== undefined && b !== undefined && a.element < 0 && b.element < 0 && a.te === b.ts;
  const runs = candidates.map((c) => ({ ts: c.ts, te: c.te, s: c.s, e: c.e }));
  for (let i = 1; i < runs.length; i += 1) {
    const [run, previous] = [runs[i], runs[i - 1]];
    if (run && previous && glued(candidates[i - 1], candidates[i])) Object.assign(run, { ts: previous.ts, s: previous.s });
  }
  for (let i = runs.length - 2; i >= 0; i -= 1) {
    const [run, next] = [runs[i], runs[i + 1]];
    if (run && next && glued(candidates[i], candidates[i + 1])) Object.assign(run, { te: next.te, e: next.e });
  }
  let floor = 0;
  for (const [i, c] of candidates.entries()) {
    work.step();
    if (work.sinceYield > YIELD_EVERY) {
      work.sinceYield = 0;
      yield;
    }
    if (found.length > limit) break;
    if (c.s < floor || inside(c.s)) continue;
    const parsed = parseInstagramUrl(c.href);
    if (parsed.type !== 'post') continue;
    const run = runs[i] ?? c;
    if (!aloneOnLine(text, run.ts, run.te)) continue;
    // "View this post on Instagram" linking to the post heads a leftover: the text rule reads it whole.
    if (headerLine.test(text.slice(c.ts, c.te).trim())) continue;
    // Markdown and text: the link's own line in the source must hold nothing else either.
    if (format !== 'html' && !aloneInSource(source, run.s, run.e)) continue;
    let range = { start: c.s, end: c.e };
    if (format === 'html') {
      const element = c.element >= 0 ? c.element : projection.elementAt(c.ts);
      range = growLink(doc, c.s, c.e, element);
      range = growRange(doc, range.start, range.end, covered, range.start === c.s && c.element < 0 ? element : -1);
    }
    found.push(toFoundEmbed('link', range.start, range.end, { ...emptyReading(), permalink: c.href, notes: ['link-only'] }, now));
    floor = range.end;
  }
  return found;
}

function linkCovers(links: ScannedDocument['projection']['links'], at: number): boolean {
  let lo = 0;
  let hi = links.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((links[mid]?.start ?? 0) <= at) lo = mid + 1;
    else hi = mid;
  }
  const link = links[lo - 1];
  return link !== undefined && at >= link.start && at < link.end;
}

/** A bare URL or `<a>` that is its paragraph's only content takes the paragraph (`<p>` only: a `<div>` stays). */
function growLink(doc: ScannedDocument, s: number, e: number, element: number): { start: number; end: number } {
  const el = doc.elements;
  let start = s;
  let end = e;
  let k = element;
  if (k >= 0 && el.name[k] === 'a' && (el.start[k] ?? s) <= s) {
    start = el.start[k] ?? s;
    end = el.end[k] ?? e;
    k = el.parent[k] ?? -1;
  }
  if (k >= 0 && el.name[k] === 'p' && el.closed[k] && onlyContent(doc, k, start, end)) {
    return { start: el.start[k] ?? start, end: el.end[k] ?? end };
  }
  return { start, end };
}

function aloneOnLine(text: string, start: number, end: number): boolean {
  for (let i = start - 1; i >= 0 && start - i < 400; i -= 1) {
    const c = text[i];
    if (c === '\n') break;
    if (c !== ' ' && c !== '\t' && c !== '\u00a0' && c !== '\r') return false;
  }
  for (let i = end; i < text.length && i - end < 400; i += 1) {
    const c = text[i];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '\u00a0' && c !== '\r') return false;
  }
  return true;
}

function aloneInSource(source: string, start: number, end: number): boolean {
  return aloneOnLine(source, start, end);
}

/** Text is read in windows of this size (with an overlap longer than any leftover), yielding between them. */
const TEXT_WINDOW = 32 * 1024;
const TEXT_OVERLAP = 8 * 1024;

/** Leftover text of dead embeds, read between the embeds already found. */
function* readLeftoverText(
  doc: ScannedDocument,
  now: Date,
  covered: readonly FoundEmbed[],
  work: Work,
  horizon: number,
  limit: number,
): Generator<void, FoundEmbed[]> {
  const { projection, source, format } = doc;
  const found: FoundEmbed[] = [];
  const gaps: Array<[number, number]> = [];
  let cursor = 0;
  for (const embed of covered) {
    const ts = projection.toTextIndex(embed.start);
    const te = projection.toTextIndex(embed.end);
    if (ts > cursor) gaps.push([cursor, ts]);
    cursor = Math.max(cursor, te);
  }
  const textEnd = horizon >= source.length ? projection.text.length : projection.toTextIndex(horizon);
  if (cursor < textEnd) gaps.push([cursor, textEnd]);
  const windows: Array<[number, number, number]> = [];
  for (const [from, to] of gaps) {
    for (let w = from; w < to; w += TEXT_WINDOW)
      windows.push([w, Math.min(to, w + TEXT_WINDOW + TEXT_OVERLAP), Math.min(to, w + TEXT_WINDOW)]);
  }
  let lastEnd = -1;
  for (const [from, to, own] of windows) {
    work.step();
    if (found.length > limit) break;
    if (work.sinceYield > YIELD_EVERY / 4) {
      work.sinceYield = 0;
      yield;
    }
    const view = projection.slice(from, to);
    for (const hit of findLeftovers(view, work, format === 'html')) {
      // A window reports the leftovers that start in its own part, after the last one kept.
      if (from + hit.start >= own || from + hit.start < lastEnd) continue;
      lastEnd = from + hit.end;
      let start = view.toSourceStart(hit.start);
      let end = view.toSourceEnd(hit.end);
      if (format === 'html') {
        const grown = growLeftover(doc, from + hit.start, from + hit.end, start, end);
        start = grown.start;
        end = grown.end;
        const wrapped = growRange(doc, start, end, covered);
        start = wrapped.start;
        end = wrapped.end;
      } else {
        const lines = expandLines(source, start, end, work);
        start = lines.start;
        end = lines.end;
      }
      found.push(toFoundEmbed('text', start, end, hit.reading, now));
    }
  }
  return found;
}

/** A leftover's range takes in the elements whose text lies inside it: "<p>View this post…</p> … <p>A post shared by …</p>". */
function growLeftover(doc: ScannedDocument, ts: number, te: number, s: number, e: number): { start: number; end: number } {
  const el = doc.elements;
  const { projection } = doc;
  const text = projection.text;
  const within = (i: number): boolean => {
    let a = el.textStart[i] ?? 0;
    let b = el.textEnd[i] ?? 0;
    while (a < b && /\s/.test(text[a] ?? '')) a += 1;
    while (b > a && /\s/.test(text[b - 1] ?? '')) b -= 1;
    return a >= ts && b <= te;
  };
  let start = s;
  let end = e;
  for (let k = projection.elementAt(ts), guard = 0; k >= 0 && guard < 64 && within(k); k = el.parent[k] ?? -1, guard += 1) {
    start = Math.min(start, el.start[k] ?? start);
    if (el.closed[k]) end = Math.max(end, el.end[k] ?? end);
  }
  for (
    let k = projection.elementAt(Math.max(ts, te - 1)), guard = 0;
    k >= 0 && guard < 64 && within(k);
    k = el.parent[k] ?? -1, guard += 1
  ) {
    start = Math.min(start, el.start[k] ?? start);
    if (el.closed[k]) end = Math.max(end, el.end[k] ?? end);
  }
  return { start, end };
}

/** Markdown / plain text: whole lines, plus neighbouring lines that hold only quote marks and tags (text/01.txt). */
function expandLines(source: string, start: number, end: number, work: Work): { start: number; end: number } {
  const reach = 2000;
  let s = lineStartBefore(source, start, reach, work);
  let e = lineEndAfter(source, end, reach, work);
  const markupOnly = (line: string) => line.trim().length > 0 && /^\s*(?:>\s*)*(?:<[^<>]*>\s*)*$/.test(line);
  for (let guard = 0; guard < 20 && s > 0 && source[s - 1] === '\n'; guard += 1) {
    const prevStart = lineStartBefore(source, s - 1, reach, work);
    if (s - 1 - prevStart >= reach || !markupOnly(source.slice(prevStart, s - 1))) break;
    s = prevStart;
  }
  for (let guard = 0; guard < 20 && e < source.length && source[e] === '\n'; guard += 1) {
    const nextEnd = lineEndAfter(source, e + 1, reach, work);
    if (nextEnd - e - 1 >= reach || !markupOnly(source.slice(e + 1, nextEnd))) break;
    e = nextEnd;
  }
  return { start: s, end: e };
}

/**
 * An export's image link to the post right before a byline that lost its own link is one embed:
 * "[![](…)](post URL)" then "A post shared by [@handle](…)" (newsletter tools, 2026-12).
 */
function mergeExports(source: string, embeds: FoundEmbed[], now: Date): FoundEmbed[] {
  const out: FoundEmbed[] = [];
  for (const embed of embeds) {
    const previous = out.at(-1);
    if (
      previous?.found === 'link' &&
      embed.found === 'text' &&
      embed.shortcode === null &&
      embed.start - previous.end <= 8 &&
      source.slice(previous.end, embed.start).trim() === '' &&
      imageOnly(source.slice(previous.start, previous.end))
    ) {
      out[out.length - 1] = toFoundEmbed(
        'text',
        previous.start,
        embed.end,
        {
          permalink: previous.permalink,
          name: embed.author.name,
          handle: embed.author.handle,
          caption: embed.caption,
          datetime: embed.datetime,
          dateText: embed.dateText,
          embedVersion: null,
          notes: ['leftover'],
        },
        now,
      );
      continue;
    }
    out.push(embed);
  }
  return out;
}

/** A link whose only content is an image: Markdown `[![…](…)](…)` or `<a …><img …></a>`. */
function imageOnly(markup: string): boolean {
  if (markup.startsWith('[![')) return true;
  return /<img\b/i.test(markup) && markup.replace(/<[^<>]*>/g, '').trim() === '';
}

function emptyReading(): EmbedReading {
  return { permalink: null, name: null, handle: null, caption: null, datetime: null, dateText: null, embedVersion: null };
}

/** Sorted by start; an embed inside (or overlapping) one already kept is dropped; shared wrapper ranges stay. */
function withoutOverlaps(embeds: readonly FoundEmbed[]): FoundEmbed[] {
  const sorted = [...embeds].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: FoundEmbed[] = [];
  let reach = -1;
  let last: FoundEmbed | undefined;
  for (const embed of sorted) {
    if (last && embed.start < reach && !(embed.start === last.start && embed.end === last.end)) continue;
    kept.push(embed);
    last = embed;
    reach = Math.max(reach, embed.end);
  }
  return kept;
}

/** Membership test for sorted, non-overlapping ranges (binary search). */
function coverage(ranges: readonly FoundEmbed[]): (at: number) => boolean {
  return (at) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = ranges[mid];
      if (!range) return false;
      if (at < range.start) hi = mid - 1;
      else if (at >= range.end) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

function skipSpaceBack(source: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < 4000 && /[\s\u00a0]/.test(source[i - 1] ?? '')) i -= 1;
  return i;
}

function skipSpaceForward(source: string, at: number): number {
  let i = at;
  while (i < source.length && i - at < 4000 && /[\s\u00a0]/.test(source[i] ?? '')) i += 1;
  return i;
}
