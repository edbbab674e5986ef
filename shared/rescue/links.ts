import { parseInstagramUrl } from '../instagram/url.js';
import { decodeEntities, readStartTag, skipSpaceBack, skipSpaceForward, tagEndingAt } from './html-tags.js';
import type { ArticleFormat } from './types.js';

/** Any Instagram URL as it appears in markup or text (scheme-less and protocol-relative too; corpus urls.jsonl). */
export const INSTAGRAM_URL =
  /(?:https?:)?\/\/(?:www\.|m\.)?instagr(?:am\.com|\.am)\/[^\s"'<>[\]()]+|(?<![\w./@-])(?:www\.)?instagram\.com\/[^\s"'<>[\]()]+/gi;
const BLOCKS = new Set(['p', 'div', 'figure', 'center', 'section']);

export interface LinkHit {
  readonly start: number;
  readonly end: number;
  readonly permalink: string;
}

/**
 * A post URL that stands alone as its own paragraph or line is an embed: WordPress turns it into
 * one (auto-embed; after core ticket #50861 in 2020 such URLs are what is left of old embeds).
 * Forms: `<p><a href=URL>…</a></p>`, `<p>URL</p>`, a line that is only the URL, Markdown
 * `[text](URL)` or `<URL>` alone on a line. A link inside a sentence is a citation, not an embed.
 * Returns null for anything else, including profile links.
 */
export function readStandaloneLink(source: string, matchStart: number, matchEnd: number, format: ArticleFormat): LinkHit | null {
  const url = source.slice(matchStart, matchEnd).replace(/[.,;:!?]+$/, '');
  let coreStart = matchStart;
  let coreEnd = matchStart + url.length;

  const autolink = format === 'markdown' && source[matchStart - 1] === '<' && source[coreEnd] === '>';
  const lt = autolink ? -1 : source.lastIndexOf('<', matchStart);
  const gt = source.lastIndexOf('>', matchStart - 1);
  if (autolink) {
    coreStart = matchStart - 1;
    coreEnd += 1;
  } else if (lt > gt && lt >= 0) {
    // Inside a tag: only the href of an <a> counts (iframes and amp have their own readers).
    const tag = readStartTag(source, lt);
    if (tag?.name !== 'a' || tag.end <= matchStart) return null;
    const close = /<\/a\s*>/gi;
    close.lastIndex = tag.end;
    const m = close.exec(source);
    if (!m || m.index - tag.end > 3000) return null;
    coreStart = lt;
    coreEnd = m.index + m[0].length;
  } else if (format === 'markdown' && source.slice(matchStart - 2, matchStart) === '](') {
    const open = source.lastIndexOf('[', matchStart - 2);
    const close = source.indexOf(')', coreEnd);
    if (open < 0 || close < 0 || source.slice(open, matchStart).includes('\n')) return null;
    coreStart = open;
    coreEnd = close + 1;
  }

  const range = aloneOnLine(source, coreStart, coreEnd) ?? (format === 'text' ? null : aloneInBlock(source, coreStart, coreEnd));
  if (!range) return null;
  const href = lt > gt && lt >= 0 ? (readStartTag(source, lt)?.attrs.get('href') ?? url) : url;
  const permalink = format === 'text' ? href : decodeEntities(href);
  if (parseInstagramUrl(permalink).type !== 'post') return null;
  return { start: range.start, end: range.end, permalink };
}

function aloneOnLine(source: string, start: number, end: number): { start: number; end: number } | null {
  let before = start;
  while (before > 0 && (source[before - 1] === ' ' || source[before - 1] === '\t')) before -= 1;
  let after = end;
  while (after < source.length && (source[after] === ' ' || source[after] === '\t' || source[after] === '\r')) after += 1;
  const lineStart = before === 0 || source[before - 1] === '\n';
  const lineEnd = after === source.length || source[after] === '\n';
  return lineStart && lineEnd ? { start, end } : null;
}

/** The only content of a paragraph-like element; a <p> is part of the embed's range. */
function aloneInBlock(source: string, start: number, end: number): { start: number; end: number } | null {
  const before = skipSpaceBack(source, start);
  const open = tagEndingAt(source, before);
  const tag = open >= 0 ? readStartTag(source, open) : null;
  if (!tag || tag.end !== before || !BLOCKS.has(tag.name)) return null;
  const after = skipSpaceForward(source, end);
  const close = new RegExp(`</${tag.name}\\s*>`, 'iy');
  close.lastIndex = after;
  const m = close.exec(source);
  if (!m) return null;
  return tag.name === 'p' ? { start: open, end: after + m[0].length } : { start, end };
}
