/**
 * A page kept by a web archive has every link and frame source rewritten to the archive's copy,
 * `…/web/<timestamp>[flag_]/<original URL>` (docs/design.md, the rescue reads the article as it
 * stands). The post is the original URL inside it; any other URL comes back unchanged.
 */
const ARCHIVED = /^(?:(?:https?:)?\/\/(?:www\.)?web\.archive\.org)?\/web\/\d{4,14}(?:[a-z]{2}_)?\/((?:https?:)?\/\/.+)$/i;

export function archivedTarget(url: string): string {
  return ARCHIVED.exec(url.trim())?.[1] ?? url;
}

/**
 * A scheme written twice, `https://https://www.instagram.com/p/…/embed` (a whole URL pasted after
 * a typed `https://`, web/similararts-carousel.jsx), or the second one without its colon
 * (`https://https//…`): the browser finds no host there, but the page names the post all the same,
 * and the URL after the first scheme is the one its author meant.
 */
const DOUBLED_SCHEME = /^(?:https?:)?\/\/(https?):?\/\//i;

/** The URL a link, frame or permalink attribute names: the archived original, a doubled scheme undone. */
export function linkTarget(url: string): string {
  return archivedTarget(url).trim().replace(DOUBLED_SCHEME, '$1://');
}
