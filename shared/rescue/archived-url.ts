/**
 * A page kept by a web archive has every link and frame source rewritten to the archive's copy,
 * `…/web/<timestamp>[flag_]/<original URL>` (docs/design.md, the rescue reads the article as it
 * stands). The post is the original URL inside it; any other URL comes back unchanged.
 */
const ARCHIVED = /^(?:(?:https?:)?\/\/(?:www\.)?web\.archive\.org)?\/web\/\d{4,14}(?:[a-z]{2}_)?\/((?:https?:)?\/\/.+)$/i;

export function archivedTarget(url: string): string {
  return ARCHIVED.exec(url.trim())?.[1] ?? url;
}
