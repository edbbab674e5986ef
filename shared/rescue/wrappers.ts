import { findElementEnd, readStartTag, skipSpaceBack, skipSpaceForward, tagEndingAt } from './html-tags.js';

/** Instagram's loader, kept in the range so that a replacement does not leave it behind (corpus 08, 14, 19, 26, 34). */
const EMBED_SCRIPT =
  /<script\b(?:[^>"']|"[^"]*"|'[^']*')*\bsrc\s*=\s*["']?(?:https?:)?\/\/(?:www\.|platform\.)?instagram\.com\/[^"'\s>]*embeds?\.js[^>]*>\s*<\/script\s*>/iy;
/** Attributes of an element that exists only to hold an embed (WordPress, Mic.com corpus 43, consent managers corpus 35/36). */
const WRAPPER_MARK = /instagram|embed|consent|cookie|brlbs|borlabs|wp-block|social-media/i;
const GUTENBERG_OPEN = /^<!--\s*wp:([a-z0-9/-]+)(?:\s[\s\S]*?)?-->$/i;
/** Consent containers that keep a placeholder sibling next to the blocked embed (Borlabs Cookie, corpus 36, 2026-11). */
const CONTAINER = /<div\b[^>]*\bclass\s*=\s*["'][^"']*\bBorlabsCookie\b[^>]*>/gi;
const CONTAINER_REACH = 20_000;

/**
 * Grows an embed's range over what exists only to hold it: the embed.js script that follows,
 * a wrapping figure / marked div / paragraph, the Gutenberg comment pair, a consent container.
 */
export function expandRange(source: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  for (let guard = 0; guard < 16; guard += 1) {
    const next = expandOnce(source, s, e);
    if (!next) break;
    s = next.start;
    e = next.end;
  }
  return { start: s, end: e };
}

function expandOnce(source: string, s: number, e: number): { start: number; end: number } | null {
  const after = skipSpaceForward(source, e);
  EMBED_SCRIPT.lastIndex = after;
  const script = EMBED_SCRIPT.exec(source);
  if (script) return { start: s, end: after + script[0].length };

  const before = skipSpaceBack(source, s);
  const open = tagEndingAt(source, before);
  if (open >= 0) {
    const comment = source.slice(open, before);
    const gutenberg = comment.startsWith('<!--') ? GUTENBERG_OPEN.exec(comment) : null;
    if (gutenberg) {
      const close = new RegExp(`<!--\\s*/wp:${gutenberg[1]}\\s*-->`, 'iy');
      close.lastIndex = after;
      const m = close.exec(source);
      if (m && /embed|instagram/i.test(gutenberg[1] ?? '')) return { start: open, end: after + m[0].length };
    }
    const tag = comment.startsWith('<!') ? null : readStartTag(source, open);
    if (tag && tag.end === before && isWrapper(tag.name, tag.attrs)) {
      const close = new RegExp(`</${tag.name}\\s*>`, 'iy');
      close.lastIndex = after;
      const m = close.exec(source);
      if (m) return { start: open, end: after + m[0].length };
    }
  }

  let container: { start: number; end: number } | null = null;
  for (const at of containerStarts(source)) {
    if (at >= s) break;
    if (at < s - CONTAINER_REACH) continue;
    const tag = readStartTag(source, at);
    if (!tag) continue;
    const limit = Math.min(source.length, at + 4 * CONTAINER_REACH);
    const end = findElementEnd(source, tag, limit);
    // The corpus cut of 36 leaves the container unclosed: then it ends with the embed.
    const closed = /<\/div\s*>$/i.test(source.slice(Math.max(0, end - 12), end));
    if (end >= e || !closed) container = { start: at, end: closed ? end : e };
  }
  return container && (container.start < s || container.end > e) ? container : null;
}

/** Container starts, computed once per article: the scan runs for every embed (memo of the last article). */
let memo: { source: string; starts: number[] } | null = null;
function containerStarts(source: string): number[] {
  if (memo && memo.source.length === source.length && memo.source === source) return memo.starts;
  const starts: number[] = [];
  if (source.includes('BorlabsCookie')) {
    const scan = new RegExp(CONTAINER.source, CONTAINER.flags);
    for (let m = scan.exec(source); m; m = scan.exec(source)) starts.push(m.index);
  }
  memo = { source, starts };
  return starts;
}

function isWrapper(name: string, attrs: ReadonlyMap<string, string>): boolean {
  if (name === 'figure' || name === 'p') return true;
  if (name === 'script' || name === 'template') return /template/i.test(attrs.get('type') ?? name);
  if (name !== 'div' && name !== 'span' && name !== 'section' && name !== 'aside' && name !== 'center') return false;
  for (const [key, value] of attrs) {
    if (key === 'style') continue;
    if (WRAPPER_MARK.test(key) || WRAPPER_MARK.test(value)) return true;
  }
  return false;
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const VOID = new Set(['br', 'img', 'hr', 'input', 'meta', 'link', 'source', 'wbr', 'area', 'col', 'embed', 'track', 'base']);

/**
 * A leftover's text range, grown until the tags inside it balance: "View this post…</a></div>
 * … <p>A post shared by …</time>" takes in the opening <div><a> before it and the </p> after.
 */
export function balanceRange(source: string, start: number, end: number): { start: number; end: number } {
  const opens: string[] = [];
  const strayCloses: string[] = [];
  TAG.lastIndex = start;
  for (let m = TAG.exec(source); m && m.index < end; m = TAG.exec(source)) {
    if (m.index + m[0].length > end) break;
    const name = (m[2] ?? '').toLowerCase();
    if (VOID.has(name) || m[0].endsWith('/>')) continue;
    if (m[1] !== '/') opens.push(name);
    else if (opens.includes(name)) {
      while (opens.length > 0 && opens.pop() !== name) {
        // unclosed inline elements inside the range close with their parent
      }
    } else strayCloses.push(name);
  }
  let s = start;
  let e = end;
  for (const name of strayCloses) {
    const before = skipSpaceBack(source, s);
    const open = tagEndingAt(source, before);
    const tag = open >= 0 ? readStartTag(source, open) : null;
    if (!tag || tag.end !== before || tag.name !== name) break;
    s = open;
  }
  // A range that starts inside an element's text takes the element's opening tag too.
  for (;;) {
    const before = skipSpaceBack(source, s);
    const open = tagEndingAt(source, before);
    const tag = open >= 0 ? readStartTag(source, open) : null;
    if (!tag || tag.end !== before || VOID.has(tag.name)) break;
    const after = skipSpaceForward(source, e);
    const close = new RegExp(`</${tag.name}\\s*>`, 'iy');
    close.lastIndex = after;
    const m = close.exec(source);
    if (!m) break;
    s = open;
    e = after + m[0].length;
  }
  while (opens.length > 0) {
    const name = opens.pop() ?? '';
    const after = skipSpaceForward(source, e);
    const close = new RegExp(`</${name}\\s*>`, 'iy');
    close.lastIndex = after;
    const m = close.exec(source);
    if (!m) break;
    e = after + m[0].length;
  }
  return { start: s, end: e };
}

/** Markdown / plain text: whole lines, plus neighbouring lines that hold only quote marks and tags (text/01.txt). */
export function expandLines(source: string, start: number, end: number): { start: number; end: number } {
  let s = source.lastIndexOf('\n', start - 1) + 1;
  let e = source.indexOf('\n', end);
  if (e < 0) e = source.length;
  const markupOnly = (line: string) => line.trim().length > 0 && /^\s*(?:>\s*)*(?:<[^>]*>\s*)*$/.test(line);
  while (s > 0) {
    const prevStart = source.lastIndexOf('\n', s - 2) + 1;
    if (!markupOnly(source.slice(prevStart, s - 1))) break;
    s = prevStart;
  }
  while (e < source.length) {
    let nextEnd = source.indexOf('\n', e + 1);
    if (nextEnd < 0) nextEnd = source.length;
    if (!markupOnly(source.slice(e + 1, nextEnd))) break;
    e = nextEnd;
  }
  return { start: s, end: e };
}
