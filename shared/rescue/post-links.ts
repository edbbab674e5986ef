import { parseInstagramUrl } from '../instagram/url.js';
import { linkTarget } from './archived-url.js';
import { HEADER_SOURCE } from './byline.js';
import { lineStartBefore } from './lines.js';
import type { Projection } from './projection.js';
import { firstStartingFrom } from './sorted.js';
import { normaliseCaption } from './text.js';
import type { Work } from './work.js';

/*
 * Links to a post near a dead embed's text: the link a byline's window holds, and the line of an
 * export's image or caption link above a byline.
 */

/**
 * What is left of a Markdown link whose label spans lines around the header (`[`, the header, then
 * `](URL)` a blank line below: CommonMark ends a label at a blank line, so no link forms): markup,
 * not caption (web/ctf-quest2-prague.md).
 */
const LINK_REMNANT = /^(?:\[|\]|\]\(\S*\))$/;
export const isLinkRemnant = (line: string): boolean => LINK_REMNANT.test(line);

/** The first link in [start, end] that names a post (a byline's name link goes to the profile). */
export function postLinkIn(projection: Projection, start: number, end: number): string | null {
  const links = projection.links;
  for (let i = firstStartingFrom(links, start); i < links.length; i += 1) {
    const link = links[i];
    if (!link || link.start > end) break;
    if (/instagr/i.test(link.href) && parseInstagramUrl(linkTarget(link.href)).type === 'post') return link.href;
  }
  return null;
}

/**
 * A post path whose shortcode is template code: a JavaScript string broken to concatenate the id
 * (`/p/" + id + "/`, the unquoted attribute ending at the quote; web/deleitese-player-es.php,
 * 2026-12), a template expression or tag (`${id}`, `$(param[1])`, `{{ code }}`, `<?= $code ?>`,
 * `<%= code %>`), as written or percent-encoded; outside HTML the scan blanks a PHP tag's `<?` (document.ts),
 * leaving two spaces before its `=` or `php`. No shortcode starts with any of these marks.
 */
const TEMPLATED_POST_PATH =
  /instagr(?:am\.com|\.am)\/(?:[A-Za-z0-9._]{1,30}\/)?(?:p|reels?|tv)\/(?:["'+$<{%\\[]|%7B|%24|%3C|%22| {2}(?:=|php\b))/i;

/**
 * Whether a link in [start, end] points into Instagram's post path with template code where the
 * shortcode goes: the embed it stands in is a template filled in for every post, its caption and
 * byline a sample, and names no post (web/deleitese-player-es.php, 2026-12). Plain text keeps the
 * template's markup as its words, the URL among them (`<a href="https://www.instagram.com/p/<?=
 * $post->code ?>/">` in a PHP file read as text).
 */
export function templatedPostLinkIn(projection: Projection, start: number, end: number): boolean {
  const links = projection.links;
  for (let i = firstStartingFrom(links, start); i < links.length; i += 1) {
    const link = links[i];
    if (!link || link.start > end) break;
    if (TEMPLATED_POST_PATH.test(link.href)) return true;
  }
  return TEMPLATED_POST_PATH.test(projection.text.slice(start, end));
}

/**
 * HTML-to-Markdown exports put the embed's image as a link to the post on the line before the
 * byline ("[![](…)](post URL)" then "A post shared by [@handle](…)"; newsletter tools, 2026-12).
 * A captioned embed up to version 12 links its caption to the post, so its export puts the caption
 * there as the link's label, alone on its line ("> [CAPTION](post URL)", empty quote lines, then
 * the byline; web/kawasaki-rb-ja.md, 2026-12): the label is the caption. A line with words beside
 * the link is prose that cites a post, not the embed.
 */
export function precedingLinkLine(
  projection: Projection,
  start: number,
  floor: number,
  work: Work,
): { start: number; href: string; caption: string | null } | null {
  const { text } = projection;
  let lineEnd = start;
  while (lineEnd > floor && start - lineEnd < 200 && /\s/.test(text[lineEnd - 1] ?? '')) lineEnd -= 1;
  if (lineEnd <= floor) return null;
  const lineStart = Math.max(floor, lineStartBefore(text, lineEnd, 201, work));
  if (lineEnd - lineStart > 200) return null;
  const line = text.slice(lineStart, lineEnd).trim();
  const href = postLinkIn(projection, lineStart, lineEnd);
  if (!href) return null;
  const onlyLink =
    line.length === 0 || parseInstagramUrl(line).type === 'post' || work.regex('header-line', `^${HEADER_SOURCE}$`, '').test(line);
  if (onlyLink) return { start: lineStart, href, caption: null };
  const label = wholeLineLabel(projection, lineStart, lineEnd, href);
  return label ? { start: lineStart, href, caption: label } : null;
}

/** The label of the one post link that is all of the line's text in [lineStart, lineEnd), else null. */
function wholeLineLabel(projection: Projection, lineStart: number, lineEnd: number, href: string): string | null {
  const { text } = projection;
  const { links } = projection;
  let link: (typeof links)[number] | undefined;
  for (let i = firstStartingFrom(links, lineStart); i < links.length && (links[i]?.start ?? lineEnd) < lineEnd; i += 1) {
    const candidate = links[i];
    if (candidate && candidate.href === href && candidate.end <= lineEnd) {
      link = candidate;
      break;
    }
  }
  if (!link) return null;
  if (text.slice(lineStart, link.start).trim() !== '' || text.slice(link.end, lineEnd).trim() !== '') return null;
  const label = normaliseCaption(text.slice(link.start, link.end), isLinkRemnant);
  return label && parseInstagramUrl(label).type !== 'post' ? label : null;
}
