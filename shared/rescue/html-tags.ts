import { decodeHTML } from 'entities';

/**
 * Small, allocation-light readers for HTML tags at known positions. The rescue scanner locates
 * candidate regions with string searches and reads only those, so that a 1 MB article is never
 * turned into a DOM (and 100,000 nested elements cannot exhaust a stack).
 */

export interface StartTag {
  readonly name: string;
  readonly start: number;
  /** Index just after the closing `>`. */
  readonly end: number;
  readonly attrs: ReadonlyMap<string, string>;
  readonly selfClosing: boolean;
}

/** Quote-aware: a `>` inside an attribute value does not end the tag. Linear (disjoint alternatives). */
const START_TAG = /<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'iframe', 'noembed', 'noframes']);

export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text;
}

export function readStartTag(source: string, at: number): StartTag | null {
  START_TAG.lastIndex = at;
  const match = START_TAG.exec(source);
  if (!match) return null;
  const rawAttrs = match[2] ?? '';
  return {
    name: (match[1] ?? '').toLowerCase(),
    start: at,
    end: at + match[0].length,
    attrs: readAttributes(rawAttrs),
    selfClosing: rawAttrs.trimEnd().endsWith('/'),
  };
}

export function readAttributes(raw: string): Map<string, string> {
  const attrs = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(raw); m; m = ATTRIBUTE.exec(raw)) {
    const name = (m[1] ?? '').toLowerCase();
    if (name === '/' || attrs.has(name)) continue;
    attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

/**
 * Where the element whose start tag ends at `afterStart` ends (index after its end tag). Raw-text
 * elements end at the first matching end tag; others count nesting of the same name only, which
 * is all a well-formed embed needs. An element that is never closed ends at `limit`.
 */
export function findElementEnd(source: string, tag: StartTag, limit = source.length): number {
  if (VOID.has(tag.name) || tag.selfClosing) return tag.end;
  if (RAW_TEXT.has(tag.name)) {
    const close = new RegExp(`</${tag.name}\\s*>`, 'gi');
    close.lastIndex = tag.end;
    const m = close.exec(source);
    return m && m.index < limit ? m.index + m[0].length : limit;
  }
  const pattern = new RegExp(`<(/?)${tag.name}\\b(?:[^>"']|"[^"]*"|'[^']*')*>`, 'gi');
  pattern.lastIndex = tag.end;
  let depth = 1;
  for (let m = pattern.exec(source); m && m.index < limit; m = pattern.exec(source)) {
    if (m[1] === '/') depth -= 1;
    else if (!m[0].endsWith('/>')) depth += 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return limit;
}

/** The start of the tag that ends exactly at `end` (exclusive), or -1. */
export function tagEndingAt(source: string, end: number): number {
  if (source.charCodeAt(end - 1) !== 62 /* > */) return -1;
  const open = source.lastIndexOf('<', end - 1);
  if (open < 0 || end - open > 4000) return -1;
  return open;
}

export function skipSpaceBack(source: string, at: number, floor = 0): number {
  let i = at;
  while (i > floor && isSpace(source.charCodeAt(i - 1))) i -= 1;
  return i;
}

export function skipSpaceForward(source: string, at: number, ceiling = source.length): number {
  let i = at;
  while (i < ceiling && isSpace(source.charCodeAt(i))) i += 1;
  return i;
}

/** HTML white space plus NBSP, which CMSs use as filler (corpus 26, 32: `<p>&nbsp;</p>`). */
export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 160;
}

export function hasClass(tag: StartTag, pattern: RegExp): boolean {
  return pattern.test(tag.attrs.get('class') ?? '');
}
