import type { Byline } from './byline.js';
import { parseVisibleDateDetail } from './dates.js';
import { endsLine, isLineSpace, startsLine } from './line-place.js';

/**
 * What lets a byline without a header of its own line count as a dead embed's: its template
 * date and clock, a caption or the page's next words run onto its line, a header run straight
 * into it, a copy printed on the next line (leftover-text.ts). A sentence that only mentions a
 * post has none of these.
 */

/**
 * A byline that ends its line with the template's date and clock time ("on Feb 25, 2020 at
 * 9:14am PST") is the template's own text even when something precedes it on the line (a
 * store's date stamp, a lead-in; web/huffpost-fr.txt, 2026-12): a sentence that mentions a post
 * names no such time. A colon may close it, where an article goes on to quote the post on the
 * next line ("… a las 7:36 PDT:"; web/fraynelson-es.sql, 2026-12). So does a date that names
 * the template's time zone without a clock time: a site that rewrote the time element's text in
 * its own date format dropped the clock and kept the zone ("❤️ Et innlegg delt av NAME (@handle)
 * lørdag 22. Juli. 2017 PDT"; web/dagbladet-mena-nb.txt, 2026-12), and a sentence that mentions
 * a post names a day, not a day in Pacific time.
 */
export function timedDate(byline: Byline): boolean {
  const date = byline.dateText === null ? null : parseVisibleDateDetail(byline.dateText);
  return date !== null && (date.precision === 'minute' || date.zoned);
}

/**
 * A timed byline flattened into one line with the page's next words (a search index's post body:
 * "… Una foto publicada por NAME (@handle) on Nov 11, 2014 at 6:00 PST Koke en su cama"): those
 * words start anew, as after a caption run on; a sentence about a post goes on in lower case.
 */
export function startsAnew(text: string, at: number): boolean {
  return at < text.length && NEW_START.test(wordsAfter(text, at));
}

/** What starts anew after a byline: a capital, a hashtag, a quote mark, an emoji. */
const NEW_START = /^(?:\p{Lu}|[#"“«]|\p{Extended_Pictographic})/u;
/** The same, or a Markdown emphasis mark opening a caption run on. */
const CAPTION_START = /^(?:\p{Lu}|[#*"“«]|\p{Extended_Pictographic})/u;

/** The first characters after `at` on its line, past spaces. */
function wordsAfter(text: string, at: number): string {
  return text.slice(at, at + 8).replace(/^[ \t\u00a0]+/, '');
}

/**
 * A byline whose template words start its line, with the caption run onto the same line after the
 * handle (a crawler's flattened text; web/crawl-noise-th.py, 2026-12). A sentence that mentions a
 * post goes on in lower case or with its clause ("shows", "on Instagram", ","); a caption run on
 * starts anew: a capital, a hashtag, a mark, an emoji, the dash that opens a quotation ("- Te noći").
 */
export function captionRunOn(text: string, byline: Byline): boolean {
  if (byline.name === null || byline.dateText !== null || !startsLine(text, byline.start)) return false;
  return startsRunOn(text, byline.end);
}

/** The words after a byline's handle start anew: a capital, a hashtag, a mark, an emoji, a quotation's dash. */
function startsRunOn(text: string, at: number): boolean {
  const after = wordsAfter(text, at);
  return at < text.length && (CAPTION_START.test(after) || DASH_QUOTE.test(after));
}

/**
 * A date-less byline a flattened summary ran in between the page's sentences: an aggregator's
 * excerpt puts the article's paragraph, the byline and the post's text on one line ("… na svemu.
 * Објава коју дели NAME (@handle) -Te noći kad smo stigli …"; web/naslovi-djordjedavid-sr.txt,
 * 2026-12). The page's sentence has ended before the template's words, and the words after the
 * handle start anew, as a quotation does (a dash before a capital is one in the press of central
 * and eastern Europe). A sentence that mentions a post has its own words before "a post shared
 * by" and goes on after the handle in lower case or with its clause.
 */
export function sentenceRunOn(text: string, byline: Byline): boolean {
  if (byline.name === null || byline.handle === null || byline.dateText !== null || !afterSentence(text, byline.start)) return false;
  return startsRunOn(text, byline.end);
}

/**
 * A header a flattened copy ran on after the page's sentence: an aggregator's text puts the
 * article's paragraph, the header, the caption and the byline on one line ("… the star wrote.
 * View this post on Instagram Caption line A post shared by NAME (@handle) After the race …").
 * The header opens a sentence of its own and its byline follows on the same line. A header quoted
 * inside a sentence ("tap “View this post on Instagram” to …") follows no sentence's end. Nor
 * does a sentence that names the header and then the byline start anew after either ("Embedding
 * is easy. View this post on Instagram appears above the caption, then A post shared by NAME
 * (@handle) below."): it goes on in lower case, where a caption run on and the page's next words
 * start anew (startsRunOn; the caption with a mention or a number too) or the line ends.
 */
export function headsFlattenedLine(text: string, headerStart: number, headerEnd: number, byline: Byline): boolean {
  if (byline.handle === null || byline.start < headerEnd || !afterSentence(text, headerStart)) return false;
  // No line break between header and byline; looked for there only (a minified page is one line).
  if (text.slice(headerEnd, byline.start).includes('\n')) return false;
  const caption = wordsAfter(text, headerEnd);
  return (
    (startsRunOn(text, headerEnd) || FLAT_CAPTION_START.test(caption)) && (endsLine(text, byline.end) || startsRunOn(text, byline.end))
  );
}

/** A caption may open with a mention or a number too ("@charles_leclerc what a race!", "1-2 in Monza!"), where no sentence goes on after the header. */
const FLAT_CAPTION_START = /^[@＠\d]/;

/** A quotation opened by a dash: "- Te noći", "– Hvala", "—Thank". */
const DASH_QUOTE = /^[-–—][ \t\u00a0]?\p{Lu}/u;

/** Whether what precedes `at` on its line is a sentence the page closed: words, then ".", "!", "?" or "…" (a closing quote mark may follow), then a space. */
function afterSentence(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && at - i < 8 && isLineSpace(text[i - 1])) i -= 1;
  if (i === at || i === 0) return false;
  while (i > 0 && at - i < 10 && /["”»’)]/.test(text[i - 1] ?? '')) i -= 1;
  if (!/[.!?…]/.test(text[i - 1] ?? '')) return false;
  return /\p{L}/u.test(text[i - 2] ?? '');
}

/**
 * Spaces a flattening tool leaves between header and byline: one in a crawler's summary, a run
 * where each of the embed's boxes became a space (a Jekyll search index's "Instagram      Una
 * publicación…"; web/lunr-search-es.js, 2026-12). Still no line break and no word between.
 */
const RUN_GAP = 16;

/**
 * A header followed at once by its byline, on one line and with nothing between, is the
 * template's own pair even when a sentence precedes it: a crawler's flattened summary runs the
 * leftover into the article's text ("… musik. Lihat postingan ini di Instagram Sebuah kiriman
 * dibagikan oleh NAME (@handle)"; web/social-residue-vectors.py, 2026-12). A sentence quoting
 * the header goes on with its own words, not straight into "A post shared by NAME (@handle)".
 */
export function runsIntoByline(text: string, headerEnd: number, byline: Byline): boolean {
  if (byline.handle === null || byline.start - headerEnd > RUN_GAP) return false;
  for (let i = headerEnd; i < byline.start; i += 1) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\u00a0') return false;
  }
  return true;
}

/**
 * Only one line break between a leftover's end and the next byline: a page that prints an
 * embed's byline twice (its text, then a fallback line; web/cosmopolitan-in-en.txt, 2026-12)
 * puts the copy on the very next line. Two posts of one account stand apart: a blank line, a
 * header, a caption or the article's text between them (web/fame10-en.txt).
 */
export function repeatsOnNextLine(text: string, from: number, to: number): boolean {
  if (to - from > 400) return false;
  let breaks = 0;
  for (let i = from; i < to; i += 1) {
    const c = text[i];
    if (c === '\n') breaks += 1;
    else if (!isLineSpace(c)) return false;
  }
  return breaks === 1;
}
