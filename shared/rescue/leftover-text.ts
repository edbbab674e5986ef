import { type Byline, cutHandleByline, findBylines, HEADER_SOURCE } from './byline.js';
import {
  captionRunOn,
  headsFlattenedLine,
  repeatsOnNextLine,
  runsIntoByline,
  sentenceRunOn,
  startsAnew,
  timedDate,
} from './byline-standing.js';
import { echoedCaptionLine, isChromeLine, isCutBylineStart, isPageParagraph, isSubheading, markedCaptionLine } from './caption-clues.js';
import { inAnotherLanguage } from './language.js';
import { endsLine, standsAlone, startsLineButStamp } from './line-place.js';
import { lineStartBefore, windowsAround } from './lines.js';
import { postLinkIn, precedingLinkLine, templatedPostLinkIn } from './post-links.js';
import type { Projection } from './projection.js';
import { firstStartingFrom } from './sorted.js';
import { normaliseCaption } from './text.js';
import type { EmbedReading } from './types.js';
import type { Work } from './work.js';

/** A leftover found in projected text: text index range plus what it says. */
export interface LeftoverHit {
  readonly start: number;
  readonly end: number;
  readonly reading: EmbedReading;
  /**
   * A header with a caption and neither byline nor post link: HTML keeps it only when header and
   * caption are all of one element's text (rules/leftovers.ts), as inside the embed's blockquote.
   */
  readonly unanchored?: boolean;
  /**
   * The caption is one short line the page goes on after, as the article's own subheading is
   * (caption-clues.ts): kept only where the markup ties it to the header, one element's text in
   * HTML or a Markdown quote holding both (rules/leftovers.ts); an empty line alone does not.
   */
  readonly headingLike?: boolean;
  /**
   * The page's own words share the leftover's line: before its header or byline, a sentence the
   * page closed or a line the page flattened into one (its words: a bullet or an emoji there is the
   * leftover's own); after a timed byline, or one a header run onto the page's line heads, the page's next words
   * ("… nosotros.   Un nuevo componente de mi familia :) Una foto publicada por NAME (@handle) on
   * Nov 11, 2014 at 6:00 PST Koke en su cama"; web/josega-search-es.js, 2026-12). On that side the
   * range keeps to the byline instead of taking the whole line, so rescuing it leaves the page's
   * words (rules/leftovers.ts).
   */
  readonly pageBefore?: boolean;
  readonly pageAfter?: boolean;
}

/**
 * A store that keeps one line break per paragraph leaves no empty line between a lone header and
 * its caption, and a lone header is then most often followed by the page's own next paragraph
 * (web/hvylya-ru.txt). A caption still tells itself apart when the store cut the page inside it
 * and it is written in another language than the page: the one line below the header runs to the
 * end of the text, and its language is not the paragraph's above the header (a Spanish page's
 * header, then the post's English caption cut mid-sentence; web/elcomercio-mag-pe.txt, 2026-12).
 * The page's own paragraph after a header is in the page's language; a quoted caption goes on
 * into the page's text, so it does not end it.
 */
function cutForeignCaption(text: string, headerStart: number, captionStart: number, captionText: string, work: Work): boolean {
  if (!endsText(text, captionStart, captionText)) return false;
  const captionLine = captionText.trimEnd();
  let pageEnd = headerStart;
  while (pageEnd > 0 && headerStart - pageEnd < 200 && /\s/.test(text[pageEnd - 1] ?? '')) pageEnd -= 1;
  if (pageEnd === 0) return false;
  const pageStart = lineStartBefore(text, pageEnd, 1200, work);
  return inAnotherLanguage(text.slice(pageStart, pageEnd), captionLine, work);
}

/** The caption is one line that runs to the end of the text: the store cut the page inside it. */
function endsText(text: string, captionStart: number, captionText: string): boolean {
  const captionLine = captionText.trimEnd();
  if (captionLine.includes('\n')) return false;
  const captionEnd = captionStart + captionLine.length;
  return text.length - captionEnd <= 400 && text.slice(captionEnd).trim().length === 0;
}

/**
 * The header stands on the line right below a caption-only leftover: the page is a run of embeds,
 * each header above its caption. The store cut the page inside the last caption of the run, so
 * that line runs to the end of the text (web/mmajunkie-fightisland-en.txt, 2026-12: a header, a
 * caption, a header, then "“Everybody gets knocked down …” – … What an honor to have these men").
 */
function followsCaptionOnly(text: string, hits: readonly LeftoverHit[], headerStart: number): boolean {
  const previous = hits.at(-1);
  if (!previous?.reading.notes?.includes('caption-only') || previous.end > headerStart) return false;
  const between = text.slice(previous.end, headerStart);
  return between.length <= 8 && /^[ \t\u00a0]*\n[ \t\u00a0]*$/.test(between);
}

/**
 * Whether the page's words precede `at` on its line: a letter there. A list's bullet, a quote's
 * mark or an emoji the caption left ("- A post shared by …", "❤️ Et innlegg delt av …";
 * web/dagbladet-mena-nb.txt) is the leftover's line's own and goes with it.
 */
function pageWordsBefore(text: string, at: number, work: Work): boolean {
  const lineStart = lineStartBefore(text, at, 400, work);
  return /\p{L}/u.test(text.slice(lineStart, at));
}

/** A close button's label standing for a whole paragraph: "X", "×", "✕". */
const CLOSE_MARK = /^\s*[Xx×✕✖✗]\s*$/u;

/** Longest stretch between header and byline: a 2,200-character caption plus chrome. */
const MAX_CAPTION_SPAN = 5000;

/**
 * The text an embed leaves when its markup is gone: "View this post on Instagram", the caption,
 * "A post shared by NAME (@handle) on DATE" (README "text/"; text/01.txt). The byline is the
 * anchor. Without the header line, a byline counts only when it stands alone on its line, so a
 * sentence that merely mentions a post is not taken for an embed. A header standing alone on its
 * line followed by a paragraph is a leftover that lost its byline but kept its caption, when
 * something ties the paragraph to the embed: a link to the post, or (text) the empty line the
 * embed's boxes leave between header and caption. Where a store drops bylines, a lone header is
 * followed at once by the page's own next paragraph; a caption whose byline was cut off sits one
 * empty line below its header.
 */
export function findLeftovers(projection: Projection, work: Work, blocks: boolean): LeftoverHit[] {
  const { text } = projection;
  const headers = findHeaders(text, work);
  const hits: LeftoverHit[] = [];
  const used = new Set<number>();
  let floor = 0;
  let h = 0;
  let last: { hit: number; text: string } | null = null;
  for (const byline of findBylines(projection, work)) {
    work.step();
    if (byline.start < floor) continue;
    const bylineText = text.slice(byline.start, byline.end);
    const previous = last ? hits[last.hit] : undefined;
    if (last && previous && last.text === bylineText && repeatsOnNextLine(text, previous.end, byline.start)) {
      // The same byline again on the next line is the same embed printed twice, not a second post.
      hits[last.hit] = { ...previous, end: byline.end };
      floor = byline.end;
      continue;
    }
    while (h < headers.length && (headers[h]?.end ?? 0) <= byline.start) h += 1;
    // The last header before the byline, after the previous leftover and within reach.
    let header: { start: number; end: number } | null = null;
    const candidate = headers[h - 1];
    // A header quoted inside a sentence heads nothing: it starts its line in every leftover seen,
    // or opens a sentence of a line a flattened copy ran together.
    if (
      candidate &&
      candidate.start >= floor &&
      candidate.start >= byline.start - MAX_CAPTION_SPAN &&
      (startsLineButStamp(text, candidate.start) ||
        runsIntoByline(text, candidate.end, byline) ||
        headsFlattenedLine(text, candidate.start, candidate.end, byline))
    ) {
      header = candidate;
      used.add(h - 1);
    }
    if (
      !header &&
      !standsAlone(text, byline.start, byline.end) &&
      !(timedDate(byline) && (endsLine(text, byline.end + (text[byline.end] === ':' ? 1 : 0)) || startsAnew(text, byline.end))) &&
      !captionRunOn(text, byline) &&
      !sentenceRunOn(text, byline)
    )
      continue;
    let start = header ? header.start : byline.start;
    const caption = header ? normaliseCaption(text.slice(header.end, byline.start), isChromeLine) : null;
    const exported = precedingLinkLine(projection, start, floor, work);
    // A label caption belongs to a byline alone: after a header, the caption lies between the two.
    const linked = exported && (exported.caption === null || header === null) ? exported : null;
    if (linked) start = linked.start;
    const reading = readingOf(projection, start, byline, caption ?? linked?.caption ?? null);
    // A template's leftover: its post link holds the code that fills the shortcode in, its byline
    // is a sample's, as in a template's blockquote (post-links.ts; rules/markup.ts). From the
    // header's line start: plain text keeps the link's URL before the header it links.
    if (!reading.permalink && !linked && templatedPostLinkIn(projection, lineStartBefore(text, start, 400, work), byline.end)) {
      floor = byline.end;
      continue;
    }
    const pageBefore = pageWordsBefore(text, start, work);
    // A header the page's sentence ran into heads a line the page flattened: what follows its
    // byline there is the page's next words too ("… (@ferrari) Then Leclerc replied. View this
    // post on Instagram …", the next leftover among them).
    const flattened = header !== null && !startsLineButStamp(text, header.start);
    const pageAfter = (timedDate(byline) || flattened) && !endsLine(text, byline.end) && startsAnew(text, byline.end);
    hits.push({
      start,
      end: byline.end,
      reading: linked && !reading.permalink ? { ...reading, permalink: linked.href } : reading,
      ...(pageBefore ? { pageBefore } : {}),
      ...(pageAfter ? { pageAfter } : {}),
    });
    last = { hit: hits.length - 1, text: bylineText };
    floor = byline.end;
  }
  // Headers that lost their byline: the header alone on its line, then one paragraph of caption.
  const bylineHits = [...hits];
  const headerInside = work.regex('header-inside', HEADER_SOURCE, '');
  headers.forEach((header, k) => {
    work.step();
    if (used.has(k) || header.start < 0 || !startsLineButStamp(text, header.start) || !endsLine(text, header.end)) return;
    if (insideHit(bylineHits, header.start)) return;
    const after = text.slice(header.end, header.end + 2400);
    const body = /^[ \t\u00a0]*\n\s*/.exec(after) ?? (after.trim().length === 0 ? [after] : null);
    if (!body) return;
    // HTML: the next block is the caption; Markdown and text: the next paragraph, up to a blank line.
    const rest = after.slice(body[0].length);
    // The line below is a byline cut inside its handle: the embed's name, no handle (byline.ts).
    const lineBreak = rest.indexOf('\n');
    const firstLine = lineBreak < 0 ? rest : rest.slice(0, lineBreak);
    const cutName = cutHandleByline(firstLine, work);
    if (cutName) {
      const end = header.end + body[0].length + firstLine.trimEnd().length;
      hits.push({ start: header.start, end, reading: { ...readingOf(projection, header.start, null, null, end), name: cutName } });
      return;
    }
    const paragraphEnd = blocks ? lineBreak : rest.search(/\n[ \t\u00a0]*\n/);
    const captionText = rest.slice(0, paragraphEnd < 0 ? rest.length : paragraphEnd);
    const lineStart = header.end + body[0].length;
    // Text that keeps one line break per paragraph: the one line below the header, when a clue ties
    // it to the header (caption-clues.ts): the article quoted it above, or it has a caption's edges.
    const captionLine = (): void => {
      // The next header is no caption: asked first, before the clues look at the text around.
      if (headerInside.test(firstLine)) return;
      const echoedEnd = echoedCaptionLine(text, header.start, lineStart, work);
      const lineEnd = echoedEnd < 0 ? markedCaptionLine(text, lineStart, work) : echoedEnd;
      const line = lineEnd < 0 ? null : normaliseCaption(text.slice(lineStart, lineEnd), isChromeLine);
      if (line && !headerInside.test(line) && !isPageParagraph(line))
        hits.push({
          start: header.start,
          end: lineEnd,
          reading: { ...readingOf(projection, header.start, null, line, lineEnd), notes: ['caption-only'] },
          unanchored: true,
        });
    };
    const oneBreak = !blocks && !/\n[ \t\u00a0>]*\n/.test(body[0]);
    if (captionText.length >= 2300 || headerInside.test(captionText)) {
      if (oneBreak && !postLinkIn(projection, header.start, lineStart + captionText.length)) captionLine();
      return;
    }
    // A lone close mark below the header is the page's overlay button, not a caption (web/hot97-drake-en.txt).
    // Nor are the first words of a byline the store cut off (caption-clues.ts).
    // Nor the page's own paragraph: its "read also" aside, a quotation it reports (caption-clues.ts).
    const cut =
      CLOSE_MARK.test(captionText) || isCutBylineStart(captionText, rest.slice(captionText.length)) || isPageParagraph(captionText);
    const caption = cut ? null : normaliseCaption(captionText, isChromeLine);
    const end = caption ? header.end + body[0].length + captionText.trimEnd().length : header.end;
    const reading = readingOf(projection, header.start, null, caption, end);
    if (!reading.permalink && templatedPostLinkIn(projection, lineStartBefore(text, header.start, 400, work), end)) return;
    // Without a caption, only a header that links to the post says anything.
    if (!caption && !reading.permalink) return;
    // Without a link, text needs the empty line (a line of quote marks in Markdown) below the header,
    // or a caption the store cut off in another language than the page (cutForeignCaption).
    // Or the last caption of a run of embeds, the store cutting the page inside it (followsCaptionOnly).
    if (
      !reading.permalink &&
      oneBreak &&
      !(
        caption &&
        (cutForeignCaption(text, header.start, lineStart, captionText, work) ||
          (endsText(text, lineStart, captionText) && followsCaptionOnly(text, hits, header.start)))
      )
    ) {
      captionLine();
      return;
    }
    const headingLike =
      !reading.permalink && caption !== null && isSubheading(captionText, pageGoesOn(rest.slice(captionText.length), headerInside));
    hits.push({
      start: header.start,
      end,
      reading: { ...reading, notes: ['caption-only'] },
      unanchored: !reading.permalink,
      ...(headingLike ? { headingLike } : {}),
    });
  });
  return hits.sort((a, b) => a.start - b.start);
}

/**
 * Whether the page's own text follows a caption-like line: the next line holding anything is
 * neither the next embed's header nor template or page chrome (two caption-only leftovers in a
 * row, an ad slot's label after one).
 */
function pageGoesOn(after: string, header: RegExp): boolean {
  const next = /\S[^\n]*/.exec(after.slice(0, 2400))?.[0];
  return next !== undefined && !header.test(next) && !isChromeLine(next.trim());
}

/**
 * Whether a text can hold a leftover at all: every byline holds an "@" (findBylines reads only
 * around one) and every header names Instagram (findHeaders likewise). Three fast searches, so
 * that prose without them is not read by the phrase rules.
 */
export function mayHoldLeftover(text: string): boolean {
  return text.includes('@') || text.includes('＠') || text.includes('Instagram');
}

function findHeaders(text: string, work: Work): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  // Every header names Instagram: the header rule reads only the text around that word.
  for (const [from, to] of windowsAround(text, work.regex('instagram-word', 'Instagram', 'g'), 60, 60, work)) {
    const window = text.slice(from, to);
    const search = work.regex('header', HEADER_SOURCE, 'g');
    for (let m = search.exec(window); m; m = search.exec(window)) {
      work.step();
      out.push({ start: from + m.index, end: from + m.index + m[0].length });
    }
  }
  return out;
}

export function readingOf(
  projection: Projection,
  start: number,
  byline: Byline | null,
  caption: string | null,
  until?: number,
): EmbedReading {
  const end = until ?? byline?.end ?? projection.text.length;
  return {
    permalink: postLinkIn(projection, start, end),
    name: byline?.name ?? null,
    handle: byline?.handle ?? null,
    caption,
    datetime: byline?.datetime ?? null,
    dateText: byline?.dateText ?? null,
    embedVersion: null,
    notes: ['leftover'],
  };
}

function insideHit(hits: readonly LeftoverHit[], at: number): boolean {
  // The last hit starting at or before `at`.
  const hit = hits[firstStartingFrom(hits, at + 1) - 1];
  return hit !== undefined && at < hit.end;
}
