import type { ScannedDocument } from '../document.js';
import { toFoundEmbed } from '../embed-record.js';
import { findLeftovers, mayHoldLeftover } from '../leftover-text.js';
import { lineEndAfter, lineStartBefore } from '../lines.js';
import type { FoundEmbed } from '../types.js';
import type { Work } from '../work.js';
import { type Fences, fencedBlocks, growRange } from './ranges.js';
import { EMBED_WORK, type RuleContext } from './rule.js';

/** The text of dead embeds (shared/rescue/leftover-text.ts reads it), placed over the markup that holds it. */

/** Text is read in windows of this size (with an overlap longer than any leftover), yielding between them. */
const TEXT_WINDOW = 24 * 1024;

const TEXT_OVERLAP = 8 * 1024;

/** Leftover text of dead embeds, read between the embeds already found. */
export function* readLeftoverText(context: RuleContext, covered: readonly FoundEmbed[], horizon: number): Generator<void, FoundEmbed[]> {
  const { doc, now, work, limit } = context;
  const { projection, source, format } = doc;
  const found: FoundEmbed[] = [];
  const gaps: Array<[number, number]> = [];
  let cursor = 0;
  for (const embed of covered) {
    const ts = projection.toTextIndex(embed.start);
    const te = projection.toTextIndex(embed.end);
    if (ts > cursor) gaps.push([cursor, ts]);
    cursor = Math.max(cursor, te);
  }
  const textEnd = horizon >= source.length ? projection.text.length : projection.toTextIndex(horizon);
  if (cursor < textEnd) gaps.push([cursor, textEnd]);
  const windows: Array<[number, number, number]> = [];
  for (const [from, to] of gaps) {
    for (let w = from; w < to; w += TEXT_WINDOW)
      windows.push([w, Math.min(to, w + TEXT_WINDOW + TEXT_OVERLAP), Math.min(to, w + TEXT_WINDOW)]);
  }
  let lastEnd = -1;
  // Read only once a leftover turns up: the text of an embed shown in a Markdown fence is a sample of it.
  let fences: Fences | null = null;
  for (const [from, to, own] of windows) {
    work.step();
    if (found.length > limit) break;
    if (work.due()) yield;
    work.step((to - from) >> 8);
    if (!mayHoldLeftover(projection.text.slice(from, to))) continue;
    const view = projection.slice(from, to);
    for (const hit of findLeftovers(view, work, format === 'html')) {
      // A window reports the leftovers that start in its own part, after the last one kept.
      work.step(EMBED_WORK);
      // A window of bylines one per line holds hundreds: each is read into an entry, so turns come between them too.
      if (work.due()) yield;
      if (from + hit.start >= own || from + hit.start < lastEnd) continue;
      if (format === 'html' && hit.unanchored && !oneElement(doc, from + hit.start, from + hit.end)) continue;
      lastEnd = from + hit.end;
      let start = view.toSourceStart(hit.start);
      let end = view.toSourceEnd(hit.end);
      // A heading-like caption stays where a Markdown quote holds it with its header (leftover-text.ts).
      if (hit.headingLike && format !== 'html' && !(opensQuoteLine(source, start, work) && opensQuoteLine(source, end - 1, work))) continue;
      if (format === 'markdown') {
        if (fences === null) fences = yield* fencedBlocks(source, work);
        if (fences.covers(start)) continue;
      }
      if (format === 'html') {
        const grown = growLeftover(doc, from + hit.start, from + hit.end, start, end);
        start = grown.start;
        end = grown.end;
        const wrapped = growRange(doc, start, end, covered);
        start = wrapped.start;
        end = wrapped.end;
      } else {
        const lines = expandLines(source, start, end, work);
        // The page's own words on a byline's line stay the page's (leftover-text.ts); the markup
        // around the leftover's first and last words is its own: a Markdown link's "[" and "](url)"
        // ("She wrote it. [View this post on Instagram](url) Caption A post shared by …").
        start = hit.pageBefore ? openingMarkup(source, view.toSourceEnd(hit.start), start) : lines.start;
        end = hit.pageAfter ? closingMarkup(source, end, view.toSourceStart(hit.end)) : lines.end;
      }
      found.push(toFoundEmbed('text', start, end, hit.reading, now));
    }
  }
  return found;
}

/**
 * Whether some element holds the header (at text index `ts`) and everything up to `te`, and no
 * other text: the embed's blockquote around header and caption, not the article around a header
 * and its next paragraph (leftover-text.ts, `unanchored`).
 */
function oneElement(doc: ScannedDocument, ts: number, te: number): boolean {
  const el = doc.elements;
  const text = doc.projection.text;
  for (let k = doc.projection.elementAt(ts), guard = 0; k >= 0 && guard < 64; k = el.parent[k] ?? -1, guard += 1) {
    let a = el.textStart[k] ?? 0;
    let b = el.textEnd[k] ?? 0;
    while (a < b && /\s/.test(text[a] ?? '')) a += 1;
    while (b > a && /\s/.test(text[b - 1] ?? '')) b -= 1;
    if (a < ts || b > te) return false;
    if (b >= te) return true;
  }
  return false;
}

/** A leftover's range takes in the elements whose text lies inside it: "<p>View this post…</p> … <p>A post shared by …</p>". */
function growLeftover(doc: ScannedDocument, ts: number, te: number, s: number, e: number): { start: number; end: number } {
  const el = doc.elements;
  const { projection } = doc;
  const text = projection.text;
  const within = (i: number): boolean => {
    let a = el.textStart[i] ?? 0;
    let b = el.textEnd[i] ?? 0;
    while (a < b && /\s/.test(text[a] ?? '')) a += 1;
    while (b > a && /\s/.test(text[b - 1] ?? '')) b -= 1;
    return a >= ts && b <= te;
  };
  let start = s;
  let end = e;
  for (let k = projection.elementAt(ts), guard = 0; k >= 0 && guard < 64 && within(k); k = el.parent[k] ?? -1, guard += 1) {
    start = Math.min(start, el.start[k] ?? start);
    if (el.closed[k]) end = Math.max(end, el.end[k] ?? end);
  }
  for (
    let k = projection.elementAt(Math.max(ts, te - 1)), guard = 0;
    k >= 0 && guard < 64 && within(k);
    k = el.parent[k] ?? -1, guard += 1
  ) {
    start = Math.min(start, el.start[k] ?? start);
    if (el.closed[k]) end = Math.max(end, el.end[k] ?? end);
  }
  return { start, end };
}

/** Where the markup between the page's last word before `start` (source end `from`) and `start` begins: past the spaces. */
function openingMarkup(source: string, from: number, start: number): number {
  if (from >= start) return start;
  const gap = source.slice(from, start);
  return from + (gap.length - gap.trimStart().length);
}

/** Where the markup between `end` and the page's next word after it (source start `to`) ends: before the spaces. */
function closingMarkup(source: string, end: number, to: number): number {
  if (to <= end) return end;
  return end + source.slice(end, to).trimEnd().length;
}

/** Markdown / plain text: whole lines, plus neighbouring lines that hold only quote marks and tags (text/01.txt). */
function expandLines(source: string, start: number, end: number, work: Work): { start: number; end: number } {
  const reach = 2000;
  let s = lineStartBefore(source, start, reach, work);
  let e = lineEndAfter(source, end, reach, work);
  const markupOnly = (line: string) => line.trim().length > 0 && /^\s*(?:>\s*)*(?:<[^<>]*>\s*)*$/.test(line);
  for (let guard = 0; guard < 20 && s > 0 && source[s - 1] === '\n'; guard += 1) {
    const prevStart = lineStartBefore(source, s - 1, reach, work);
    if (s - 1 - prevStart >= reach || !markupOnly(source.slice(prevStart, s - 1))) break;
    s = prevStart;
  }
  for (let guard = 0; guard < 20 && e < source.length && source[e] === '\n'; guard += 1) {
    const nextEnd = lineEndAfter(source, e + 1, reach, work);
    if (nextEnd - e - 1 >= reach || !markupOnly(source.slice(e + 1, nextEnd))) break;
    e = nextEnd;
  }
  return { start: s, end: e };
}

/** Whether the line holding `at` is a Markdown quote's ("> View this post on Instagram"). */
function opensQuoteLine(source: string, at: number, work: Work): boolean {
  const lineStart = lineStartBefore(source, at, 200, work);
  return /^[ \t\u00a0]*>/.test(source.slice(lineStart, at + 1));
}
