import { decodeHTML } from 'entities';
import { readBlockquote } from './blockquote.js';
import { toFoundEmbed } from './embed-record.js';
import { findElementEnd, hasClass, readStartTag } from './html-tags.js';
import { findLeftovers } from './leftover-text.js';
import { INSTAGRAM_URL, readStandaloneLink } from './links.js';
import { BYLINE_PREFIXES, BYLINE_SUFFIXES, escapeRegExp } from './locales.js';
import { projectSlice } from './projection.js';
import type { ArticleFormat, EmbedReading, FoundEmbed } from './types.js';
import { balanceRange, expandLines, expandRange } from './wrappers.js';

/** Escaping inside escaping (consent attribute holding a base64 template…) is followed this deep. */
const MAX_DEPTH = 3;
/** An unclosed embed element never swallows more than this much of the article. */
const MAX_UNCLOSED = 50_000;
/** How far before a byline its header and caption may start (caption ≤ 2,200 chars plus v12 chrome). */
const LEFTOVER_REACH_BACK = 12_000;
const LEFTOVER_REACH_FORWARD = 2_000;

const BLOCKQUOTE = /<blockquote\b/gi;
const AMP = /<amp-instagram\b/gi;
const IFRAME = /<iframe\b/gi;
/** An embed HTML-escaped inside an attribute (consent managers, corpus 35), possibly escaped twice. */
const ESCAPED = /&(?:amp;)*lt;(?:blockquote|amp-instagram|iframe)\b/gi;
const TEMPLATE = /<(?:script|template|noscript)\b/gi;
const BASE64 = /^[A-Za-z0-9+/=\s]{24,}$/;
const SPACE = String.raw`(?:\s|&nbsp;|&#160;)+`;
/** Byline template words as they appear in raw markup: where a leftover may be. */
const LEFTOVER_ANCHOR = new RegExp(
  [...BYLINE_PREFIXES, ...BYLINE_SUFFIXES].map((p) => p.split(/\s+/).map(escapeRegExp).join(SPACE)).join('|'),
  'g',
);

/**
 * Every Instagram embed in an article, in article order, with what the article itself carries.
 * Candidate regions are found with string scans and only they are read, so the cost grows with
 * the article's length, not its nesting, and nothing recurses on the article's structure.
 */
export function findEmbeds(article: string, format: ArticleFormat, now: Date): FoundEmbed[] {
  return findAt(article, format, now, 0);
}

function findAt(source: string, format: ArticleFormat, now: Date, depth: number): FoundEmbed[] {
  const structural = [
    ...scanBlockquotes(source, now),
    ...scanAmp(source, now),
    ...scanIframes(source, now),
    ...(depth < MAX_DEPTH ? [...scanEscaped(source, now, depth), ...scanTemplates(source, now, depth)] : []),
  ];
  const kept = withoutOverlaps(structural);
  const links = scanLinks(source, format, now, kept);
  const afterLinks = withoutOverlaps([...kept, ...links]);
  const leftovers = scanLeftovers(source, format, now, afterLinks);
  return withoutOverlaps([...afterLinks, ...leftovers]);
}

function scanBlockquotes(source: string, now: Date): FoundEmbed[] {
  // A local copy: findAt recurses into decoded copies and must not move this scan's lastIndex.
  const blockquoteScan = new RegExp(BLOCKQUOTE.source, BLOCKQUOTE.flags);
  const starts: number[] = [];
  blockquoteScan.lastIndex = 0;
  for (let m = blockquoteScan.exec(source); m; m = blockquoteScan.exec(source)) starts.push(m.index);
  const found: FoundEmbed[] = [];
  let floor = 0;
  const tags = starts.map((at) => readStartTag(source, at)).filter((tag) => tag !== null);
  const embeds = tags.filter((tag) => hasClass(tag, /\binstagram-media\b/) || tag.attrs.has('data-instgrm-permalink'));
  embeds.forEach((tag, i) => {
    if (tag.start < floor) return;
    const next = embeds[i + 1]?.start ?? source.length;
    const { end, reading } = readBlockquote(source, tag, Math.min(next, tag.end + MAX_UNCLOSED, source.length));
    floor = end;
    found.push(record('blockquote', source, tag.start, end, reading, now));
  });
  return found;
}

function scanAmp(source: string, now: Date): FoundEmbed[] {
  // A local copy: findAt recurses into decoded copies and must not move this scan's lastIndex.
  const ampScan = new RegExp(AMP.source, AMP.flags);
  const found: FoundEmbed[] = [];
  ampScan.lastIndex = 0;
  for (let m = ampScan.exec(source); m; m = ampScan.exec(source)) {
    const tag = readStartTag(source, m.index);
    const shortcode = tag?.attrs.get('data-shortcode')?.trim();
    if (!tag || !shortcode) continue;
    const end = findElementEnd(source, tag, Math.min(source.length, tag.end + 5000));
    found.push(record('amp', source, tag.start, end, { ...emptyReading(), shortcode }, now));
  }
  return found;
}

function scanIframes(source: string, now: Date): FoundEmbed[] {
  // A local copy: findAt recurses into decoded copies and must not move this scan's lastIndex.
  const iframeScan = new RegExp(IFRAME.source, IFRAME.flags);
  const found: FoundEmbed[] = [];
  iframeScan.lastIndex = 0;
  for (let m = iframeScan.exec(source); m; m = iframeScan.exec(source)) {
    const tag = readStartTag(source, m.index);
    const src = tag?.attrs.get('src') ?? tag?.attrs.get('data-src');
    if (!tag || !src || !/instagr(?:am\.com|\.am)\//i.test(src)) continue;
    const reading = { ...emptyReading(), permalink: src };
    const close = /<\/iframe\s*>/gi;
    close.lastIndex = tag.end;
    const c = close.exec(source);
    const end = c && c.index - tag.end < 2000 ? c.index + c[0].length : tag.end;
    const embed = record('iframe', source, tag.start, end, reading, now);
    if (embed.shortcode) found.push(embed);
  }
  return found;
}

function scanEscaped(source: string, now: Date, depth: number): FoundEmbed[] {
  // A local copy: findAt recurses into decoded copies and must not move this scan's lastIndex.
  const escapedScan = new RegExp(ESCAPED.source, ESCAPED.flags);
  const found: FoundEmbed[] = [];
  let floor = 0;
  escapedScan.lastIndex = 0;
  for (let m = escapedScan.exec(source); m; m = escapedScan.exec(source)) {
    if (m.index < floor) continue;
    const open = source.lastIndexOf('<', m.index);
    const tag = open >= 0 ? readStartTag(source, open) : null;
    if (!tag || tag.end <= m.index) {
      // Escaped markup standing as text: an attribute value that was escaped twice and is now
      // decoded once. Decode it whole and read it again, one level deeper.
      if (depth > 0 && !source.includes('<')) {
        return findAt(decodeHTML(source), 'html', now, depth + 1).map((embed) => ({ ...embed, start: 0, end: source.length }));
      }
      continue;
    }
    const inner = [...tag.attrs.values()]
      .filter((value) => /instagr/i.test(value))
      .flatMap((value) => findAt(value, 'html', now, depth + 1));
    const end = findElementEnd(source, tag, Math.min(source.length, tag.end + MAX_UNCLOSED));
    floor = end;
    found.push(...wrapped(source, tag.start, end, inner));
  }
  return found;
}

function scanTemplates(source: string, now: Date, depth: number): FoundEmbed[] {
  // A local copy: findAt recurses into decoded copies and must not move this scan's lastIndex.
  const templateScan = new RegExp(TEMPLATE.source, TEMPLATE.flags);
  const found: FoundEmbed[] = [];
  templateScan.lastIndex = 0;
  for (let m = templateScan.exec(source); m; m = templateScan.exec(source)) {
    const tag = readStartTag(source, m.index);
    if (!tag) continue;
    const end = findElementEnd(source, tag, Math.min(source.length, tag.end + 4 * MAX_UNCLOSED));
    const closeStart = source.lastIndexOf('<', end - 1);
    const content = source.slice(tag.end, closeStart > tag.end ? closeStart : end);
    templateScan.lastIndex = Math.max(templateScan.lastIndex, end);
    if (!BASE64.test(content)) continue;
    const decoded = decodeBase64(content);
    if (!decoded || !/instagr/i.test(decoded)) continue;
    found.push(...wrapped(source, tag.start, end, findAt(decoded, 'html', now, depth + 1)));
  }
  return found;
}

/** Base64 of UTF-8, as cookie blockers store the blocked HTML (Borlabs Cookie, corpus 36). */
function decodeBase64(content: string): string | null {
  try {
    const binary = atob(content.replace(/\s+/g, ''));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not base64 of UTF-8 text: this attribute holds no encoded embed, which is an answer.
    return null;
  }
}

/** Embeds read from an encoded copy occupy the whole element that held the copy. */
function wrapped(source: string, start: number, end: number, inner: FoundEmbed[]): FoundEmbed[] {
  if (inner.length === 0) return [];
  const range = expandRange(source, start, end);
  return inner.map((embed) => ({ ...embed, start: range.start, end: range.end }));
}

function scanLinks(source: string, format: ArticleFormat, now: Date, covered: readonly FoundEmbed[]): FoundEmbed[] {
  // A local copy: findAt recurses into decoded copies and must not move this scan's lastIndex.
  const instagramurlScan = new RegExp(INSTAGRAM_URL.source, INSTAGRAM_URL.flags);
  const found: FoundEmbed[] = [];
  const inside = coverage(covered);
  let floor = 0;
  instagramurlScan.lastIndex = 0;
  for (let m = instagramurlScan.exec(source); m; m = instagramurlScan.exec(source)) {
    if (m.index < floor || inside(m.index)) continue;
    const hit = readStandaloneLink(source, m.index, m.index + m[0].length, format);
    if (!hit) continue;
    const range = format === 'text' ? hit : expandRange(source, hit.start, hit.end);
    floor = range.end;
    found.push(toFoundEmbed('link', range.start, range.end, { ...emptyReading(), permalink: hit.permalink }, now));
  }
  return found;
}

function scanLeftovers(source: string, format: ArticleFormat, now: Date, covered: readonly FoundEmbed[]): FoundEmbed[] {
  // A local copy: findAt recurses into decoded copies and must not move this scan's lastIndex.
  const leftoveranchorScan = new RegExp(LEFTOVER_ANCHOR.source, LEFTOVER_ANCHOR.flags);
  const found: FoundEmbed[] = [];
  const inside = coverage(covered);
  const html = format === 'html';
  let floor = 0;
  leftoveranchorScan.lastIndex = 0;
  for (let m = leftoveranchorScan.exec(source); m; m = leftoveranchorScan.exec(source)) {
    if (m.index < floor || inside(m.index)) continue;
    const bounds = gapAround(covered, m.index, source.length);
    let from = Math.max(bounds.start, floor, m.index - LEFTOVER_REACH_BACK);
    const to = Math.min(bounds.end, m.index + m[0].length + LEFTOVER_REACH_FORWARD);
    from = html ? outsideTag(source, from) : lineStartAtOrAfter(source, from, m.index);
    const projection = projectSlice(source, from, to, { markdown: format === 'markdown', lineBreaks: !html });
    for (const hit of findLeftovers(projection)) {
      const textStart = projection.toSourceStart(hit.start);
      const textEnd = projection.toSourceEnd(hit.end);
      if (textStart < floor) continue;
      const range = html
        ? expandRange(source, ...spread(balanceRange(source, textStart, textEnd)))
        : expandLines(source, textStart, textEnd);
      const clipped = { start: Math.max(range.start, bounds.start, floor), end: Math.min(range.end, bounds.end) };
      found.push(toFoundEmbed('text', clipped.start, clipped.end, hit.reading, now));
      floor = clipped.end;
    }
    floor = Math.max(floor, m.index + 1);
  }
  return found;
}

function spread(range: { start: number; end: number }): [number, number] {
  return [range.start, range.end];
}

function record(form: FoundEmbed['found'], source: string, start: number, end: number, reading: EmbedReading, now: Date): FoundEmbed {
  const range = expandRange(source, start, end);
  return toFoundEmbed(form, range.start, range.end, reading, now);
}

function emptyReading(): EmbedReading {
  return { permalink: null, name: null, handle: null, caption: null, datetime: null, dateText: null, embedVersion: null };
}

/** Sorted by start; an embed inside (or overlapping) one already kept is dropped; shared wrapper ranges stay. */
function withoutOverlaps(embeds: readonly FoundEmbed[]): FoundEmbed[] {
  const sorted = [...embeds].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: FoundEmbed[] = [];
  for (const embed of sorted) {
    const last = kept.at(-1);
    if (last && embed.start < last.end && !(embed.start === last.start && embed.end === last.end)) continue;
    kept.push(embed);
  }
  return kept;
}

/** Membership test for sorted, non-overlapping ranges (binary search). */
function coverage(ranges: readonly FoundEmbed[]): (at: number) => boolean {
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

/** The stretch of article between the covered ranges around `at`. */
function gapAround(ranges: readonly FoundEmbed[], at: number, length: number): { start: number; end: number } {
  // Binary search for the first range starting after `at`; ranges are sorted and disjoint.
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ranges[mid]?.start ?? 0) > at) hi = mid;
    else lo = mid + 1;
  }
  const previous = ranges[lo - 1];
  return { start: previous && previous.end <= at ? previous.end : 0, end: ranges[lo]?.start ?? length };
}

/** A window start that does not fall inside a tag. */
function outsideTag(source: string, from: number): number {
  const lt = source.indexOf('<', from);
  const gt = source.indexOf('>', from);
  return gt >= 0 && (lt < 0 || gt < lt) ? gt + 1 : from;
}

function lineStartAtOrAfter(source: string, from: number, limit: number): number {
  if (from === 0 || source[from - 1] === '\n') return from;
  const next = source.indexOf('\n', from);
  return next >= 0 && next < limit ? next + 1 : source.lastIndexOf('\n', limit) + 1;
}
