import { lineEndAfter } from './lines.js';
import { BYLINE_PREFIXES } from './locales.js';
import { isLinkRemnant } from './post-links.js';
import type { Work } from './work.js';

/**
 * Clues that a line next to a leftover is the post's caption and not the page's own text, where
 * the store kept neither the empty line nor the header that would say so (leftover-text.ts).
 */

/**
 * The label of an ad slot a page placed inside the embed's box (between header and byline), on a
 * line of its own: page chrome, not the caption ("View this post on Instagram", "Advertisement",
 * then the byline). The word in the languages the rescue reads, and the "continues below" forms.
 */
const AD_LABEL =
  /^(?:advertisements?|advert|sponsored|(?:the )?(?:story|article|post) continues (?:below|after)(?: (?:the |this )?(?:advertisement|ad))?|advertisement[ :–—-]+(?:continue|scroll) (?:reading|down)(?: below)?|anzeige|werbung|publicidad|publicidade|publicité|pubblicità|annonce|advertentie|reclame|reklama|reklam|reklame|mainos|διαφήμιση|реклама|إعلان|פרסומת|विज्ञापन|广告|廣告|広告|광고|iklan|quảng cáo|โฆษณา)$/iu;

/** A line that is template or page chrome, not a caption's: a link's remnant or an ad slot's label. */
export const isChromeLine = (line: string): boolean => isLinkRemnant(line) || AD_LABEL.test(line);

/** How far above a header the article's own quote of the caption is looked for. */
const ECHO_REACH = 1500;
/** Words in a row the caption shares with the article's quote of it. */
const ECHO_RUN = 6;
/** Longest caption line read as an echo: the template's caption limit. */
const MAX_LINE = 2300;

/** Words as runs of letters, marks and digits, lower-cased (punctuation and spaces split them). */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * The line right below a lone header is the post's caption when the article quoted it just
 * before the embed: it shares a run of words with the text above the header (an Urdu page quotes
 * the couplet, its header follows, then the couplet again on the next line; web/arynews-maya-ur.txt,
 * 2026-12). A store that keeps one line break per paragraph puts the page's own next paragraph
 * there too, and that paragraph goes on with new words. Returns the line's end, or -1.
 */
export function echoedCaptionLine(text: string, headerStart: number, lineStart: number, work: Work): number {
  const lineEnd = lineEndAfter(text, lineStart, MAX_LINE, work);
  if (lineEnd - lineStart >= MAX_LINE) return -1;
  const line = wordsOf(text.slice(lineStart, lineEnd));
  if (line.length < ECHO_RUN) return -1;
  const above = wordsOf(text.slice(Math.max(0, headerStart - ECHO_REACH), headerStart));
  work.step(Math.ceil((ECHO_REACH + lineEnd - lineStart) / 16));
  const runs = new Set<string>();
  for (let i = 0; i + ECHO_RUN <= above.length; i += 1) runs.add(above.slice(i, i + ECHO_RUN).join(' '));
  for (let i = 0; i + ECHO_RUN <= line.length; i += 1) if (runs.has(line.slice(i, i + ECHO_RUN).join(' '))) return lineEnd;
  return -1;
}

/** A caption opening on the account it answers: "@newmansa94 God bless you." */
const OPENS_ON_MENTION = /^[ \t\u00a0]*[@＠][\p{L}\p{N}._]+(?![\p{L}\p{N}._@])/u;
/** A hashtag as a whole word: "#ufcfightisland5", "＃東京". */
const HASHTAG = /^[#＃][\p{L}\p{M}\p{N}_]+$/u;

/**
 * The line right below a lone header is the post's caption when it has a caption's edges: it
 * opens on the account the post answers or closes on a hashtag (an MMA site's list, its store
 * keeping one line break per paragraph and none of the bylines: a header, then "@newmansa94 God
 * bless you. … #ufcfightisland5", then the next header; web/mmajunkie-fightisland-en.txt, 2026-12).
 * The page's own next paragraph opens on its words and closes a sentence. Returns the line's end,
 * or -1.
 */
export function markedCaptionLine(text: string, lineStart: number, work: Work): number {
  const lineEnd = lineEndAfter(text, lineStart, MAX_LINE, work);
  if (lineEnd - lineStart >= MAX_LINE) return -1;
  const line = text.slice(lineStart, lineEnd).trim();
  const lastWord = line.split(/\s+/u).at(-1) ?? '';
  return line.length > 0 && (OPENS_ON_MENTION.test(line) || HASHTAG.test(lastWord)) ? lineEnd : -1;
}

/** The template's byline lead-ins, lower-cased once ("post udostępniony przez"). */
const BYLINE_LEADS = BYLINE_PREFIXES.map((phrase) => phrase.toLowerCase());

/**
 * The words below a lone header are the first words of its byline, not a caption, when the store
 * cut the page inside the byline: they begin one of the template's byline phrases and nothing
 * follows them (a Polish header, then "Post " ending the text, what is left of "Post udostępniony
 * przez NAME (@handle)"; web/lelum-szpak-pl.txt, 2026-12). `rest` is the text after the words.
 */
export function isCutBylineStart(words: string, rest: string): boolean {
  if (rest.trim().length > 0) return false;
  const start = words.trim().replace(/\s+/g, ' ').toLowerCase();
  return start.length >= 3 && BYLINE_LEADS.some((lead) => lead.startsWith(start));
}

/**
 * A news site's own cross-link, set in its paragraph: "(Lea también: TITLE)", "(Le puede
 * interesar: …)", "LEGGI ANCHE >>> …", "Leia também: …". The words that lead it in the languages
 * the rescue reads; a post's caption does not carry the page's "read also" (a caption's own "read
 * more" to the link in bio is not among them).
 */
const READ_ALSO =
  /(?:^|[([]|\n)[ \t\u00a0]*(?:lea también|lee también|le puede interesar|te puede interesar|leia também|leia mais|veja também|leggi anche|leggi pure|lire aussi|à lire aussi|a lire aussi|read also|also read|lesen sie auch|lees ook|czytaj też|czytaj także|zobacz też|читайте также|lihat juga|baca juga)[ \t\u00a0]*(?::|>>>?|»)/iu;

/** Longest speaker clause after a quotation's closing mark. */
const MAX_CLAUSE = 160;
const OPEN_QUOTE = /^[“"«„]/u;
const CLOSE_QUOTES = '”"»“';
const CLAUSE = /^,[ \t\u00a0]+\p{Ll}[^\n]*$/u;

/**
 * A quotation closed by its speaker clause: the paragraph opens with a quote mark and ends with
 * the mark, a comma and the reporting words in lower case ("“Lo que menos me gusta …”, confesó
 * para la revista ‘HOLA’."). The article reports what someone said; a caption speaks for itself.
 * Only the paragraph's last MAX_CLAUSE characters are searched for the closing mark.
 */
function reportsQuote(paragraph: string): boolean {
  const text = paragraph.trim();
  if (!OPEN_QUOTE.test(text)) return false;
  for (let i = text.length - 1; i > 0 && text.length - i <= MAX_CLAUSE + 1; i -= 1) {
    if (CLOSE_QUOTES.includes(text[i] ?? '')) return CLAUSE.test(text.slice(i + 1));
  }
  return false;
}

/**
 * The paragraph below a lone header is the page's own text, not the caption its byline lost,
 * when it carries the site's cross-link aside or reports a quotation (a Colombian page that
 * dropped its embeds' bylines and captions, its headers above the article's next paragraphs;
 * web/pulzo-griezmann-es.txt, 2026-12).
 */
export function isPageParagraph(paragraph: string): boolean {
  return READ_ALSO.test(paragraph) || reportsQuote(paragraph);
}

/** Longest line, and most words, read as an article's subheading below a lone header. */
const MAX_SUBHEADING = 60;
const MAX_SUBHEADING_WORDS = 8;
/** What marks a line as a post's caption rather than a heading: a tag, a mention, a link, an emoji, a quotation. */
const CAPTION_MARK = /[#@＃＠]|https?:|\p{Extended_Pictographic}|^[“"«„]/u;
/** A line that ends a sentence, as a caption may and a heading does not. */
const SENTENCE_END = /[.!…。！]["”»’)]*$/u;

/** A Markdown heading's marks: "## ", never a caption's hashtag, which has no space after "#". */
const MARKDOWN_HEADING = /^#{1,6}[ \t]/;

/**
 * The one short line below a lone header is the article's own subheading, not a caption, when
 * the page goes on below it (`pageGoesOn`: its own text follows, not the next embed's header or
 * chrome): no more than a few words, none of a caption's marks, no full stop (a Venezuelan
 * aggregator's copy keeps the header, then "¿De dónde surgió la idea?" and the article's next
 * paragraphs; web/localnewswave-missvenezuela-ve.txt, 2026-12). Every caption-only leftover of
 * the fixtures whose tie to the header is only an empty line is a paragraph of a sentence or
 * more. A Markdown heading is one whatever follows it.
 */
export function isSubheading(line: string, pageGoesOn: boolean): boolean {
  const text = line.trim();
  if (MARKDOWN_HEADING.test(text)) return true;
  if (text.length === 0 || text.length > MAX_SUBHEADING || text.includes('\n')) return false;
  if (CAPTION_MARK.test(text) || SENTENCE_END.test(text)) return false;
  if (text.split(/\s+/).length > MAX_SUBHEADING_WORDS) return false;
  return pageGoesOn;
}
