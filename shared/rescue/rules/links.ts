import { parseInstagramUrl, toCanonicalUrl } from '../../instagram/url.js';
import { linkTarget } from '../archived-url.js';
import { HEADER_SOURCE, isWholeByline } from '../byline.js';
import type { ScannedDocument } from '../document.js';
import { toFoundEmbed } from '../embed-record.js';
import { lineStartBefore, windowsAroundInSteps } from '../lines.js';
import { firstStartingFrom } from '../sorted.js';
import type { FoundEmbed } from '../types.js';
import type { Work } from '../work.js';
import { appleNewsComponent, chatMessageText, feedItemLink, repeatsEmbedBefore } from './link-forms.js';
import { aloneOnLine, HUGO_INSTAGRAM, inChrome, tagAround } from './link-surroundings.js';
import { coverage, fencedBlocks, growRange, NO_FENCES, onlyContent } from './ranges.js';
import { attr, EMBED_WORK, emptyReading, type RuleContext } from './rule.js';

/** A post URL standing alone on its line or paragraph: what auto-embeds leave. */

/**
 * Any Instagram URL as it appears in text (scheme-less and protocol-relative too; corpus urls.jsonl),
 * ended by typographic quotes as by ASCII ones: an editor's smart quotes around a shortcode's value
 * (web/ilmilanista-it.txt).
 */
const INSTAGRAM_URL =
  /(?:https?:)?\/\/(?:www\.|m\.)?instagr(?:am\.com|\.am)\/[^\s"'“”‘’«»<>[\]()]+|(?<![\w./@-])(?:www\.)?instagram\.com\/[^\s"'“”‘’«»<>[\]()]+/gi;

/**
 * `/instagr/i.test(href)`: every link of the article is asked, and a pattern run on thousands of
 * short strings cost more than the rest of this rule (bench article, 2026-12). Without the u flag
 * the pattern matches ASCII case variants only; lower-casing admits no others, since no other
 * character lower-cases to one of these letters (U+0130 becomes "i" followed by a combining dot).
 * A string already in lower case is not copied.
 */
function mentionsInstagram(href: string): boolean {
  return href.toLowerCase().includes('instagr');
}
/** URLs longer than this after the word "instagr" are not looked for. */
const URL_REACH = 2100;
const WINDOW_PART = 16 * 1024;

interface Candidate {
  readonly ts: number;
  readonly te: number;
  readonly href: string;
  readonly s: number;
  readonly e: number;
  readonly element: number;
}

/** Two lists sorted by text start, merged (links first on a tie): no sort of 100,000 candidates in one step. */
/** A list drawn from a generator a step of work per item, yielding when a quantum is done. */
function* inSteps<T>(items: Iterable<T>, work: Work): Generator<void, T[]> {
  const list: T[] = [];
  for (const item of items) {
    list.push(item);
    work.step();
    if (work.due()) yield;
  }
  return list;
}

function* mergedByStart(a: readonly Candidate[], b: readonly Candidate[]): Generator<Candidate> {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || x.ts <= y.ts)) {
      i += 1;
      yield x;
    } else if (y) {
      j += 1;
      yield y;
    }
  }
}

/**
 * A post URL that stands alone as its own paragraph or line is an embed: WordPress turns it into
 * one (auto-embed; after core ticket #50861 in 2020 such URLs are what is left of old embeds).
 * A link inside a sentence is a citation, not an embed; profile and tag links are not posts.
 */
export function* readLinks(context: RuleContext, covered: readonly FoundEmbed[], horizon: number): Generator<void, FoundEmbed[]> {
  const { doc, now, work, limit } = context;
  const { projection, source, format } = doc;
  const text = projection.text;
  const inside = coverage(covered);
  const found: FoundEmbed[] = [];
  const fromLinks: Candidate[] = [];
  const fromText: Candidate[] = [];
  const fromShortcodes: Candidate[] = [];
  const headerLine = work.regex('header-line', `^${HEADER_SOURCE}$`, '');
  // In code files a comment's own marker may stand before the URL: its line holds nothing else.
  const comments = format === 'text';
  const textHorizon = horizon >= source.length ? text.length : projection.toTextIndex(horizon);
  for (const link of projection.links) {
    work.step();
    if (work.due()) yield;
    if (link.start >= textHorizon) break;
    if (!mentionsInstagram(link.href)) continue;
    fromLinks.push({ ts: link.start, te: link.end, href: link.href, s: link.s, e: link.e, element: link.element });
  }
  // URLs are looked for only around the word "instagr" (found by one fast search). Merged windows
  // are read in parts of at most WINDOW_PART characters, each with an overlap longer than the
  // URLs looked for, keeping the URLs that start in its own part: text made only of "instagram"
  // is then never one pattern run over 5 MB.
  const windows = yield* windowsAroundInSteps(text, work.regex('instagr-word', 'instagr', 'gi'), 40, URL_REACH, work);
  for (const [windowFrom, windowTo] of windows) {
    if (windowFrom >= textHorizon) break;
    for (let from = windowFrom; from < windowTo && from < textHorizon; from += WINDOW_PART) {
      const own = Math.min(windowTo, from + WINDOW_PART);
      yield* urlsIn(from, own, Math.min(windowTo, own + URL_REACH));
    }
  }
  function* urlsIn(from: number, own: number, to: number): Generator<void, void> {
    const window = text.slice(from, to);
    const urls = work.regex('url', INSTAGRAM_URL.source, 'gi');
    for (let w = urls.exec(window); w && from + w.index < textHorizon && from + w.index < own; w = urls.exec(window)) {
      work.step();
      if (work.due()) yield;
      const at = from + w.index;
      if (projection.links.length > 0 && linkCovers(projection.links, at)) continue;
      // Auto-embed URLs whose line breaks were lost run together: each one is a candidate.
      let offset = 0;
      for (const piece of w[0].split(/(?=https?:\/\/)/i)) {
        const url = piece.replace(/[.,;:!?]+$/, '');
        const ts = at + offset;
        const te = ts + url.length;
        offset += piece.length;
        fromText.push({ ts, te, href: url, s: projection.toSourceStart(ts), e: projection.toSourceEnd(te), element: -1 });
      }
    }
    // Hugo's shortcode names the post by its shortcode alone: `{{< instagram CODE >}}`.
    const tags = work.regex('hugo-instagram', HUGO_INSTAGRAM.source, 'gi');
    for (let h = tags.exec(window); h && from + h.index < textHorizon && from + h.index < own; h = tags.exec(window)) {
      work.step();
      if (work.due()) yield;
      const code = h[1] ?? h[2] ?? '';
      const ts = from + h.index;
      const te = ts + h[0].length;
      const href = toCanonicalUrl('p', code);
      fromShortcodes.push({ ts, te, href, s: projection.toSourceStart(ts), e: projection.toSourceEnd(te), element: -1 });
    }
  }
  // An article of nothing but post links has a candidate every few dozen characters: each pass
  // over them counts its work and yields like the reading does.
  const inText = yield* inSteps(mergedByStart(fromText, fromShortcodes), work);
  const candidates = yield* inSteps(mergedByStart(fromLinks, inText), work);
  // A run of URLs written back to back stands alone as a whole, or none of them does.
  const glued = (a: Candidate | undefined, b: Candidate | undefined) =>
    a !== undefined && b !== undefined && a.element < 0 && b.element < 0 && a.te === b.ts;
  const runs = candidates.map((c) => ({ ts: c.ts, te: c.te, s: c.s, e: c.e }));
  for (let i = 1; i < runs.length; i += 1) {
    work.step();
    if (work.due()) yield;
    const [run, previous] = [runs[i], runs[i - 1]];
    if (run && previous && glued(candidates[i - 1], candidates[i])) Object.assign(run, { ts: previous.ts, s: previous.s });
  }
  for (let i = runs.length - 2; i >= 0; i -= 1) {
    work.step();
    if (work.due()) yield;
    const [run, next] = [runs[i], runs[i + 1]];
    if (run && next && glued(candidates[i], candidates[i + 1])) Object.assign(run, { te: next.te, e: next.e });
  }
  const fences = format === 'markdown' && candidates.length > 0 ? yield* fencedBlocks(source, work) : NO_FENCES;
  let floor = 0;
  // The post the last header line linked to, and where that link ended.
  let header: { te: number; shortcode: string } | null = null;
  for (const [i, c] of candidates.entries()) {
    work.step(EMBED_WORK);
    if (work.due()) yield;
    if (found.length > limit) break;
    if (c.s < floor || inside(c.s)) continue;
    const parsed = parseInstagramUrl(linkTarget(c.href));
    if (parsed.type !== 'post') continue;
    // A "watch on Instagram" button right under an embed of the same post is part of that embed.
    if (repeatsEmbedBefore(doc, covered, c.s, c.ts, parsed.shortcode)) continue;
    const run = runs[i] ?? c;
    // A blog engine's embed tag around the URL (`[instagram url=…]`, `{% instagram … %}`, `[embed]…[/embed]`) stands alone as the URL would.
    const tag = c.element < 0 ? tagAround(text, run.ts, run.te, comments) : null;
    // Apple News Format keeps an Instagram post as a component of its own: `{"role": "instagram", "URL": …}`;
    // a chat export or bot update, a message whose whole text is the post's URL.
    const component =
      c.element < 0 && !tag && format !== 'html' && (appleNewsComponent(text, run.ts, run.te) || chatMessageText(text, run.ts, run.te));
    if (component) {
      const embed = toFoundEmbed('link', c.s, c.e, { ...emptyReading(), permalink: c.href, notes: ['link-only'] }, now);
      found.push({ ...embed, encodings: [{ kind: 'json-content' }] });
      floor = c.e;
      continue;
    }
    // A feed item's `<link>` naming the post lists that post; its `<guid>` only names the item.
    const item = c.element < 0 && !tag ? feedItemLink(source, c.s, c.e) : null;
    if (item === 'guid' || (item && format === 'markdown' && fences.covers(c.s))) continue;
    if (item) {
      found.push(toFoundEmbed('link', item.start, item.end, { ...emptyReading(), permalink: c.href, notes: ['link-only'] }, now));
      floor = item.end;
      continue;
    }
    if (!tag && !aloneOnLine(text, run.ts, run.te, comments)) continue;
    // "View this post on Instagram" linking to the post heads a leftover: the text rule reads it whole.
    if (headerLine.test(text.slice(c.ts, c.te).trim())) {
      header = { te: c.te, shortcode: parsed.shortcode };
      continue;
    }
    // So does a byline the page linked to the post as a whole, date and all; and the caption that
    // links to the post right under such a header (the v8-v12 captioned embed), read as its
    // caption. A link to another post under a header is that post.
    const label = text.slice(c.ts, c.te);
    const labelled = !BARE_URL.test(label);
    if (labelled && isWholeByline(projection.slice(c.ts, c.te), work)) continue;
    const linkedAbove = header !== null && run.ts - header.te < ABOVE_REACH;
    if (labelled && (!linkedAbove || header?.shortcode === parsed.shortcode) && headerLine.test(lineAbove(text, run.ts, work).trim()))
      continue;
    // Markdown and text: the link's own line in the source must hold nothing else either, unless
    // markup kept on one line (a code file's string) gives it a paragraph or an embed wrapper of its own.
    const sourceTag = format !== 'html' && tag ? tagAround(source, run.s, run.e, comments) : null;
    const aloneInItsSource = format === 'html' || sourceTag !== null || aloneOnLine(source, run.s, run.e, comments);
    const holder = aloneInItsSource ? -1 : soleHolder(doc, c.s, c.e, c.element >= 0 ? c.element : projection.elementAt(c.ts));
    if (!aloneInItsSource && holder < 0) continue;
    // A URL in a fenced code block is a sample of markup, not an embed.
    if (format === 'markdown' && fences.covers(run.s)) continue;
    // Links in a page's chrome (navigation, footers, sidebars, share bars, feed widgets) are not the article's posts.
    if (format === 'html' && inChrome(doc, c.element >= 0 ? c.element : projection.elementAt(c.ts))) continue;
    let range =
      sourceTag ?? (tag ? { start: projection.toSourceStart(tag.start), end: projection.toSourceEnd(tag.end) } : { start: c.s, end: c.e });
    if (format === 'html') {
      const element = c.element >= 0 ? c.element : projection.elementAt(c.ts);
      const bare = range.start;
      range = growLink(doc, range.start, range.end, element);
      range = growRange(doc, range.start, range.end, covered, range.start === bare && c.element < 0 ? element : -1);
    } else if (holder >= 0) {
      range = growRange(doc, doc.elements.start[holder] ?? range.start, doc.elements.end[holder] ?? range.end, covered);
    }
    const author = format === 'markdown' && context.canDecode ? yield* imageAltAuthor(context, source, c.s, c.e) : null;
    const reading = author
      ? { ...emptyReading(), ...author, permalink: c.href }
      : { ...emptyReading(), permalink: c.href, notes: ['link-only'] };
    found.push(toFoundEmbed('link', range.start, range.end, reading, now));
    floor = range.end;
  }
  return found;
}

/** Longest alt text read for a byline: a display name and a handle with the template's words. */
const ALT_REACH = 300;

/**
 * The author an image link to the post names in its alt text: a converter (or an editor) that
 * keeps the post as its picture writes the embed's byline there, `[![A post shared by NAME
 * (@handle)](…/media/?size=l)](URL)` (web/climbing-news-seeder.php). The alt text is read as a
 * leftover on its own; anything but a byline (a description, a bare "@handle") names no one.
 */
function* imageAltAuthor(
  context: RuleContext,
  source: string,
  s: number,
  e: number,
): Generator<void, { name: string | null; handle: string | null } | null> {
  const alt = /^\[!\[([^\]\n]{1,300})\]\(/.exec(source.slice(s, Math.min(e, s + ALT_REACH + 4)))?.[1];
  if (!alt || !/[@＠]/.test(alt)) return null;
  const inner = yield* context.readTextCopy(alt);
  const byline = inner.find((embed) => embed.found === 'text' && embed.author.handle);
  return byline ? { name: byline.author.name, handle: byline.author.handle } : null;
}

function linkCovers(links: ScannedDocument['projection']['links'], at: number): boolean {
  // The last link starting at or before `at`.
  const link = links[firstStartingFrom(links, at + 1) - 1];
  return link !== undefined && at >= link.start && at < link.end;
}

/** The URL at [s, e) or, where it is an `<a>`'s, that link; with the element that holds it. */
function linkAndHolder(doc: ScannedDocument, s: number, e: number, element: number): { start: number; end: number; holder: number } {
  const el = doc.elements;
  if (element >= 0 && el.name[element] === 'a' && (el.start[element] ?? s) <= s) {
    return { start: el.start[element] ?? s, end: el.end[element] ?? e, holder: el.parent[element] ?? -1 };
  }
  return { start: s, end: e, holder: element };
}

/** A bare URL or `<a>` that is its paragraph's only content takes the paragraph (`<p>` only: a `<div>` stays). */
function growLink(doc: ScannedDocument, s: number, e: number, element: number): { start: number; end: number } {
  const el = doc.elements;
  const { start, end, holder: k } = linkAndHolder(doc, s, e, element);
  if (k >= 0 && el.name[k] === 'p' && el.closed[k] && onlyContent(doc, k, start, end)) {
    return { start: el.start[k] ?? start, end: el.end[k] ?? end };
  }
  return { start, end };
}

/** A link's text that is a URL itself, not a label (a caption, a byline). */
const BARE_URL = /^\s*(?:https?:|\/\/|www\.|instagr)/i;

/** How far back the line above a link is looked for: blank lines between, then a header's line. */
const ABOVE_REACH = 400;

/**
 * The nearest line with text above the line `at` stands on (blank lines skipped), or "" when
 * none is within reach: a captioned embed whose blockquote a sanitiser or a Markdown converter
 * dropped leaves its header link, then its caption link, each a paragraph of its own.
 */
function lineAbove(text: string, at: number, work: Work): string {
  let end = lineStartBefore(text, at, ABOVE_REACH, work);
  while (end > 0 && at - end < ABOVE_REACH && /\s/.test(text[end - 1] ?? '')) end -= 1;
  if (end === 0 || at - end >= ABOVE_REACH) return '';
  return text.slice(lineStartBefore(text, end, ABOVE_REACH, work), end);
}

/** Gutenberg's embed block puts the URL alone in this wrapper, inside `figure.wp-block-embed`. */
const EMBED_WRAPPER = /(?:^|\s)wp-block-embed__wrapper(?:\s|$)/;

/**
 * The closed `<p>` (WordPress's auto-embed paragraph) or block-editor embed wrapper whose only
 * content is the URL at [s, e) or its link, else -1: markup kept on one line, in a code file's
 * string or a converter's test, puts such a holder where a line break would stand
 * (web/block-converter-test.php).
 */
function soleHolder(doc: ScannedDocument, s: number, e: number, element: number): number {
  const el = doc.elements;
  const { start, end, holder: k } = linkAndHolder(doc, s, e, element);
  if (k < 0 || !el.closed[k]) return -1;
  const holds = el.name[k] === 'p' || (el.name[k] === 'div' && EMBED_WRAPPER.test(attr(el.attrs[k], 'class') ?? ''));
  return holds && onlyContent(doc, k, start, end) ? k : -1;
}
