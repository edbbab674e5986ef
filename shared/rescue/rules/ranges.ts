import type { ScannedDocument } from '../document.js';
import { firstAtOrAfter, firstStartingFrom } from '../sorted.js';
import type { FoundEmbed } from '../types.js';
import { attr, examined, IGNORED, type RuleContext } from './rule.js';

/**
 * Ranges around what a rule found: what exists only to hold an embed is part of it, and a range
 * inside one already kept is dropped (first match wins, by position).
 */

/** Attributes of an element that exists only to hold an embed (WordPress, Mic.com corpus 43, consent managers corpus 35/36). */
const WRAPPER_MARK = /instagram|embed|consent|cookie|brlbs|borlabs|wp-block|social-media/i;

/** Consent containers keep a placeholder beside the blocked embed: they are part of it (Borlabs Cookie, corpus 36, 2026-11). */
const CONSENT_MARK = /borlabs|brlbs|consent|cookie/i;

const EMBED_SCRIPT = /^(?:https?:)?\/\/(?:www\.|platform\.)?instagram\.com\/[^\s]*embeds?\.js/i;

/**
 * Grows an embed's range over what exists only to hold it: the embed.js script that follows,
 * a wrapping figure / paragraph / marked div whose only content it is, a consent container,
 * the Gutenberg comment pair around a block.
 */
export function growRange(
  doc: ScannedDocument,
  start: number,
  end: number,
  all: readonly FoundEmbed[],
  container = -1,
): { start: number; end: number } {
  const el = doc.elements;
  const { source } = doc;
  let s = start;
  let e = end;
  let element = elementStartingAt(doc, s);
  let first = element < 0 ? container : -1;
  for (let guard = 0; guard < 24; guard += 1) {
    const script = scriptAfter(doc, e);
    if (script) {
      e = script;
      continue;
    }
    const before = skipSpaceBack(source, s);
    const after = skipSpaceForward(source, e);
    const open = doc.commentsByEnd.get(before);
    const close = doc.comments.get(after);
    if (open && close && /^\s*wp:[\w/-]*(?:embed|instagram)/i.test(open.text) && /^\s*\/wp:/.test(close.text)) {
      s = open.start;
      e = close.end;
      continue;
    }
    const parent = first >= 0 ? first : element >= 0 ? (el.parent[element] ?? -1) : -1;
    first = -1;
    if (parent < 0) break;
    const name = el.name[parent] ?? '';
    const attrs = el.attrs[parent];
    const pStart = el.start[parent] ?? 0;
    const pEnd = el.closed[parent] ? (el.end[parent] ?? e) : e;
    const marks = (attrs ?? []).filter((a) => a.name !== 'style').some((a) => WRAPPER_MARK.test(a.name) || WRAPPER_MARK.test(a.value));
    const consent = (attrs ?? []).some((a) => a.name !== 'style' && (CONSENT_MARK.test(a.name) || CONSENT_MARK.test(a.value)));
    const wrapperKind =
      name === 'figure' ||
      name === 'p' ||
      ((name === 'script' || name === 'template') && /template/i.test(attr(attrs, 'type') ?? name)) ||
      (['div', 'span', 'section', 'aside', 'center'].includes(name) && marks);
    if (!wrapperKind) break;
    const sole = onlyContent(doc, parent, s, e);
    const single = consent && embedsWithin(all, pStart, el.end[parent] ?? pEnd) <= 1;
    if (!sole && !single) break;
    s = Math.min(s, pStart);
    e = Math.max(e, pEnd);
    element = parent;
  }
  return { start: s, end: e };
}

export function elementStartingAt(doc: ScannedDocument, start: number): number {
  const starts = doc.elements.start;
  const lo = firstAtOrAfter(starts, start);
  return starts[lo] === start ? lo : -1;
}

/** The end of an Instagram embed.js `<script>` right after `at`, or null. */
function scriptAfter(doc: ScannedDocument, at: number): number | null {
  const i = skipSpaceForward(doc.source, at);
  if (!doc.source.startsWith('<script', i)) return null;
  const index = elementStartingAt(doc, i);
  if (index < 0) return null;
  const src = attr(doc.elements.attrs[index], 'src') ?? '';
  return EMBED_SCRIPT.test(src) ? (doc.elements.end[index] ?? null) : null;
}

/** The parent holds nothing readable besides [s, e) (white space and NBSP filler aside). */
export function onlyContent(doc: ScannedDocument, parent: number, s: number, e: number): boolean {
  const el = doc.elements;
  const { projection } = doc;
  const pts = el.textStart[parent] ?? 0;
  const pte = el.textEnd[parent] ?? 0;
  const its = projection.toTextIndex(s);
  const ite = projection.toTextIndex(e);
  if (its - pts > 400 || pte - ite > 400) return false;
  const blank = (a: number, b: number) => b <= a || projection.text.slice(a, b).trim().length === 0;
  if (!blank(pts, its) || !blank(ite, pte)) return false;
  // No other element with content of its own (an image, another embed) beside it.
  for (let k = parent + 1; k < el.name.length && (el.start[k] ?? 0) < (el.tagEnd[parent] ?? 0) + 2000 && (el.start[k] ?? 0) < s; k += 1) {
    if (el.parent[k] === parent && ['img', 'iframe', 'video', 'picture', 'blockquote'].includes(el.name[k] ?? '')) return false;
  }
  return true;
}

/** How many embeds lie in [start, end), counting to 2 at most (`all` is sorted by start). */
function embedsWithin(all: readonly FoundEmbed[], start: number, end: number): number {
  let count = 0;
  for (let i = firstStartingFrom(all, start); i < all.length && count < 2; i += 1) {
    const embed = all[i];
    if (!embed || embed.start >= end) break;
    if (embed.end <= end && embed.found !== IGNORED) count += 1;
  }
  return count;
}

/** Sorted by start; an embed inside (or overlapping) one already kept is dropped; shared wrapper ranges stay. */
export function withoutOverlaps(embeds: readonly FoundEmbed[]): FoundEmbed[] {
  const sorted = [...embeds].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: FoundEmbed[] = [];
  let reach = -1;
  let last: FoundEmbed | undefined;
  for (const embed of sorted) {
    if (last && embed.start < reach && !(embed.start === last.start && embed.end === last.end)) continue;
    kept.push(embed);
    last = embed;
    reach = Math.max(reach, embed.end);
  }
  return kept;
}

/** Membership test for sorted, non-overlapping ranges (binary search). */
export function coverage(ranges: readonly FoundEmbed[]): (at: number) => boolean {
  return (at) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = ranges[mid];
      if (!range) return false;
      if (at < range.start) hi = mid - 1;
      else if (at >= range.end) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

function skipSpaceBack(source: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < 4000 && /[\s\u00a0]/.test(source[i - 1] ?? '')) i -= 1;
  return i;
}

function skipSpaceForward(source: string, at: number): number {
  let i = at;
  while (i < source.length && i - at < 4000 && /[\s\u00a0]/.test(source[i] ?? '')) i += 1;
  return i;
}

export interface Fences {
  covers(at: number): boolean;
}
export const NO_FENCES: Fences = { covers: () => false };

/** Markdown's fenced code blocks (CommonMark: three or more backticks or tildes; an unclosed fence runs to the end). */
export function* fencedBlocks(source: string, work: RuleContext['work']): Generator<void, Fences> {
  const blocks: Array<[number, number]> = [];
  const fence = /^ {0,3}(`{3,}|~{3,})/gm;
  let open: { at: number; mark: string } | null = null;
  for (let m = fence.exec(source); m; m = fence.exec(source)) {
    yield* examined(work, 64);
    const mark = m[1] ?? '';
    if (!open) open = { at: m.index, mark };
    else if (
      mark[0] === open.mark[0] &&
      mark.length >= open.mark.length &&
      /^\s*$/.test(source.slice(m.index + m[0].length, lineEnd(source, m.index)))
    ) {
      blocks.push([open.at, lineEnd(source, m.index)]);
      open = null;
    }
  }
  if (open) blocks.push([open.at, source.length]);
  return {
    covers(at) {
      let lo = 0;
      let hi = blocks.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((blocks[mid]?.[0] ?? 0) <= at) lo = mid + 1;
        else hi = mid;
      }
      const block = blocks[lo - 1];
      return block !== undefined && at < block[1];
    },
  };
}

function lineEnd(source: string, from: number): number {
  const at = source.indexOf('\n', from);
  return at < 0 ? source.length : at;
}
