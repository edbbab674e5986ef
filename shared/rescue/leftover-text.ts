import { parseInstagramUrl } from '../instagram/url.js';
import { type Byline, findBylines, HEADER } from './byline.js';
import type { Projection } from './projection.js';
import { normaliseCaption } from './text.js';
import type { EmbedReading } from './types.js';

/** A leftover found in projected text: text index range plus what it says. */
export interface LeftoverHit {
  readonly start: number;
  readonly end: number;
  readonly reading: EmbedReading;
}

/** Longest stretch between header and byline: a 2,200-character caption plus chrome. */
const MAX_CAPTION_SPAN = 5000;

/**
 * The text an embed leaves when its markup is gone: "View this post on Instagram", the caption,
 * "A post shared by NAME (@handle) on DATE" (README "text/"; text/01.txt). The byline is the
 * anchor. Without the header line, a byline counts only when it stands alone on its line, so a
 * sentence that merely mentions a post is not taken for an embed.
 */
export function findLeftovers(projection: Projection): LeftoverHit[] {
  const { text } = projection;
  const hits: LeftoverHit[] = [];
  let floor = 0;
  for (const byline of findBylines(projection)) {
    if (byline.start < floor) continue;
    const header = lastHeaderBefore(text, Math.max(floor, byline.start - MAX_CAPTION_SPAN), byline.start);
    if (!header && !standsAlone(text, byline)) continue;
    const start = header ? header.start : byline.start;
    const caption = header ? normaliseCaption(text.slice(header.end, byline.start)) : null;
    hits.push({ start, end: byline.end, reading: readingOf(projection, start, byline, caption) });
    floor = byline.end;
  }
  return hits;
}

export function readingOf(projection: Projection, start: number, byline: Byline | null, caption: string | null): EmbedReading {
  const end = byline?.end ?? projection.text.length;
  return {
    permalink: postLinkIn(projection, start, end),
    name: byline?.name ?? null,
    handle: byline?.handle ?? null,
    caption,
    datetime: byline?.datetime ?? null,
    dateText: byline?.dateText ?? null,
    embedVersion: null,
  };
}

/** The first link in [start, end) that names a post (a byline's name link goes to the profile). */
export function postLinkIn(projection: Projection, start: number, end: number): string | null {
  for (const link of projection.links) {
    if (link.start < start || link.start > end) continue;
    if (parseInstagramUrl(link.href).type === 'post') return link.href;
  }
  return null;
}

export function lastHeaderBefore(text: string, from: number, before: number): { start: number; end: number } | null {
  const search = new RegExp(HEADER.source, 'g');
  search.lastIndex = from;
  let last: { start: number; end: number } | null = null;
  for (let m = search.exec(text); m && m.index + m[0].length <= before; m = search.exec(text)) {
    last = { start: m.index, end: m.index + m[0].length };
  }
  return last;
}

function standsAlone(text: string, byline: Byline): boolean {
  const lineStart = text.lastIndexOf('\n', byline.start - 1) + 1;
  if (text.slice(lineStart, byline.start).trim().length > 0) return false;
  const lineEnd = text.indexOf('\n', byline.end);
  return text.slice(byline.end, lineEnd < 0 ? text.length : lineEnd).trim().length === 0;
}
