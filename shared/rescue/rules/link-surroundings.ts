import type { ScannedDocument } from '../document.js';
import { COMMENT_MARKS, endsLine, isLineSpace, startsLineBut, startsLineButPictographs } from '../line-place.js';
import { attr } from './rule.js';

/**
 * Where a post URL found by the link rule stands, which decides whether it is an embed: alone on
 * its line (a comment's marks allowed in code), inside a blog engine's embed tag, or in the page's
 * own navigation, footer, sidebar, share bar or feed widget. The link rule (links.ts) reads them.
 */

/**
 * Nothing but blanks around [start, end) on its line, pictographs marking it aside; with
 * `comments`, a comment's marks may open the line, their last one at most 40 characters after the
 * line's start (web/jetpack-instagram-embeds.php, whose doc comment lists the URLs and shortcodes
 * the module embeds).
 */
export function aloneOnLine(text: string, start: number, end: number, comments = false): boolean {
  if (!endsLine(text, end)) return false;
  if (startsLineButPictographs(text, start)) return true;
  if (!comments) return false;
  let i = start;
  while (isLineSpace(text[i - 1])) i -= 1;
  return startsLineBut(text, start, COMMENT_MARKS, i - 1);
}

/** Hugo's Instagram shortcode, positional or `id=`, with its options (`hidecaption`); the commented form Hugo prints literally is not matched. */
export const HUGO_INSTAGRAM =
  /\{\{<[ \t]*instagram[ \t]+(?:id=["']?)?([A-Za-z0-9_-]{5,40})["']?(?:[ \t]+[^<>{}\n]{0,60}?)?[ \t]*>\}\}|\{\{%[ \t]*instagram[ \t]+(?:id=["']?)?([A-Za-z0-9_-]{5,40})["']?(?:[ \t]+[^%{}\n]{0,60}?)?[ \t]*%\}\}/i;

/**
 * Opening and closing text of the embed tags blog engines keep in a post's source, the URL between
 * them; besides `[instagram …]`, any bracketed shortcode with an `instagram` word before its `url=`
 * (`[embedcontent src=”instagram” url=”…”]`, its quotes made typographic; web/ilmilanista-it.txt).
 */
const TAG_OPENING =
  /(?:\{%-?[ \t]*instagram[ \t]+(?:url:)?|\[instagram\b[^\]\n]{0,80}?(?:url=)?["'“”]?|\[[a-z][\w-]{1,30}[ \t][^\]\n]{0,80}?\binstagram\b[^\]\n]{0,80}?\burl=["'“”]?|\[embed\b[^\]\n]{0,80}\])$/i;
const TAG_CLOSING = /^(?:["'“”]?(?:[ \t][^\]\n]{0,80})?\]|[ \t][^%\n]{0,80}?-?%\}|\[\/embed\])/i;

/** The extent of an embed tag holding the URL at [start, end) when the tag is its line's only content, else null. */
export function tagAround(str: string, start: number, end: number, comments: boolean): { start: number; end: number } | null {
  const before = str.slice(Math.max(0, start - 120), start);
  const opening = TAG_OPENING.exec(before);
  if (!opening) return null;
  const closing = TAG_CLOSING.exec(str.slice(end, end + 120));
  if (!closing) return null;
  const tag = { start: start - opening[0].length, end: end + closing[0].length };
  return aloneOnLine(str, tag.start, tag.end, comments) ? tag : null;
}

/**
 * Class and id words of feed widgets, which list an account's latest posts beside the article
 * (Smash Balloon's `sbi`, WP Instagram Widget's `instagram-pics`, Jetpack's gallery, themes'
 * `instagram-feed`), anywhere in a class word.
 */
const FEED_WORD = /(?:^|[\s_-])(?:sbi|sb_instagram|instagram-feed|instagram_feed|instafeed|instagram-gallery|instagram-pics)(?:$|[\s_-])/i;
/**
 * Whole class words and ids of the page's own parts. Only whole words: themes put layout words
 * such as `has-sidebar` or `no-sidebar` on the element that holds the article itself.
 */
const CHROME_NAMES = new Set([
  'footer',
  'site-footer',
  'colophon',
  'sidebar',
  'site-sidebar',
  'widget-area',
  'sharedaddy',
  'share-buttons',
  'social-share',
  'nav',
  'navbar',
  'navigation',
  'main-navigation',
  'site-navigation',
  'menu',
]);
const CHROME_TAGS = new Set(['nav', 'footer', 'aside', 'menu']);
/** Ancestors looked at: a link's chrome is close around it. */
const CHROME_DEPTH = 12;

/** Whether the element sits in navigation, a footer, a sidebar, a share bar or a feed widget. */
export function inChrome(doc: ScannedDocument, element: number): boolean {
  const el = doc.elements;
  let k = element;
  for (let depth = 0; k >= 0 && depth < CHROME_DEPTH; depth += 1) {
    if (CHROME_TAGS.has(el.name[k] ?? '')) return true;
    const attrs = el.attrs[k];
    const words = `${attr(attrs, 'class') ?? ''} ${attr(attrs, 'id') ?? ''}`.toLowerCase();
    if (words.length > 1 && (FEED_WORD.test(words) || words.split(/\s+/).some((word) => CHROME_NAMES.has(word)))) return true;
    k = el.parent[k] ?? -1;
  }
  return false;
}
