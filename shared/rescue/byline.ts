import { BYLINE_PREFIXES, BYLINE_SUFFIXES, escapeRegExp, HEADER_PHRASES, NAME_HONORIFICS, phrasePattern } from './locales.js';
import type { Projection } from './projection.js';
import { cleanName, collapseSpace } from './text.js';

/** One "A post shared by NAME (@handle) on DATE" found in projected text (text indexes). */
export interface Byline {
  readonly start: number;
  readonly end: number;
  readonly name: string | null;
  readonly handle: string;
  readonly dateText: string | null;
  readonly datetime: string | null;
}

const HANDLE = String.raw`\(\s*@([A-Za-z0-9._]{1,30})\s*\)`;
const PREFIX = new RegExp(`(?:${BYLINE_PREFIXES.map(phrasePattern).join('|')})`, 'g');
const SUFFIX = new RegExp(
  `(?:${NAME_HONORIFICS.map(escapeRegExp).join('|')})?\\s*${HANDLE}\\s*(?:${BYLINE_SUFFIXES.map(phrasePattern).join('|')})`,
  'g',
);
const HANDLE_GROUP = new RegExp(HANDLE, 'g');
export const HEADER = new RegExp(`(?:${HEADER_PHRASES.map(phrasePattern).join('|')})\\.?`, 'g');
/** A template word between the byline and its date, on the same line. */
const SAME_LINE_CONNECTOR =
  /^[ \t\u00a0]*(?:(?:(?:publicad[ao]|publiée|pubblicato)[ \t\u00a0]+(?:el|le|il)|on|am|em|el|le|il|op|om|à)(?=[\s\u00a0])|님,|님|[-–—,])?[ \t\u00a0]*/;
/** The Spanish template breaks the line before "publicada el" once converted to Markdown (text/01.txt). */
const NEXT_LINE_CONNECTOR = /^\s*(?:(?:publicad[ao]|publiée|pubblicato)\s+(?:el|le|il)|on|am|em|el|le|il|op|om|à)(?=\s)\s*/;
const DATE_LIKE = /\d/;
const DATE_ANCHOR = /(?<!\d)(?:19|20)\d{2}(?!\d)|[月월]/;

export function findBylines(projection: Projection): Byline[] {
  const { text } = projection;
  const found: Byline[] = [];

  PREFIX.lastIndex = 0;
  for (let m = PREFIX.exec(text); m; m = PREFIX.exec(text)) {
    const nameStart = m.index + m[0].length;
    const lineEnd = nextBoundary(text, nameStart);
    HANDLE_GROUP.lastIndex = nameStart;
    let last: RegExpExecArray | null = null;
    for (let h = HANDLE_GROUP.exec(text); h && h.index < lineEnd; h = HANDLE_GROUP.exec(text)) {
      if (h.index + h[0].length <= lineEnd) last = h;
    }
    if (!last) continue;
    const date = readDate(projection, last.index + last[0].length);
    found.push({
      start: m.index,
      end: date.end,
      name: cleanName(text.slice(nameStart, last.index)),
      handle: last[1] ?? '',
      dateText: date.dateText,
      datetime: date.datetime,
    });
    PREFIX.lastIndex = Math.max(PREFIX.lastIndex, last.index + last[0].length);
  }

  SUFFIX.lastIndex = 0;
  for (let m = SUFFIX.exec(text); m; m = SUFFIX.exec(text)) {
    if (found.some((b) => m !== null && m.index >= b.start && m.index < b.end)) continue;
    const nameStart = lineStart(text, m.index);
    const date = readDate(projection, m.index + m[0].length);
    found.push({
      start: nameStart,
      end: date.end,
      name: cleanName(text.slice(nameStart, m.index)),
      handle: m[1] ?? '',
      dateText: date.dateText,
      datetime: date.datetime,
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The end of the byline's line: a line break, or (white space lost) the next template phrase. */
function nextBoundary(text: string, from: number): number {
  let end = text.indexOf('\n', from);
  if (end < 0) end = text.length;
  // Own regex copies: this runs inside the loops over PREFIX and HEADER matches.
  const prefixSearch = new RegExp(PREFIX.source, 'g');
  prefixSearch.lastIndex = from;
  const prefix = prefixSearch.exec(text);
  if (prefix && prefix.index < end) end = prefix.index;
  const headerSearch = new RegExp(HEADER.source, 'g');
  headerSearch.lastIndex = from;
  const header = headerSearch.exec(text);
  if (header && header.index < end) end = header.index;
  return end;
}

/** Start of the name in suffix bylines: line start, or after a header / template phrase on that line. */
function lineStart(text: string, at: number): number {
  let start = text.lastIndexOf('\n', at - 1) + 1;
  const headerSearch = new RegExp(HEADER.source, 'g');
  headerSearch.lastIndex = start;
  for (let h = headerSearch.exec(text); h && h.index < at; h = headerSearch.exec(text)) start = h.index + h[0].length;
  return start;
}

function readDate(projection: Projection, from: number): { end: number; dateText: string | null; datetime: string | null } {
  const { text } = projection;
  const none = { end: from, dateText: null, datetime: null };
  const window = text.slice(from, from + 160);
  let offset = SAME_LINE_CONNECTOR.exec(window)?.[0].length ?? 0;
  const timeAt = (at: number) => projection.times.find((t) => t.start >= from && t.start <= at + 1 && t.end > t.start);
  let time = timeAt(from + offset);
  if (!time && /^\s*\n/.test(window.slice(offset))) {
    const next = NEXT_LINE_CONNECTOR.exec(window);
    if (!next) return none;
    offset = next[0].length;
    time = timeAt(from + offset);
  }
  if (time) {
    return { end: time.end, dateText: nonEmpty(collapseSpace(text.slice(time.start, time.end))), datetime: time.datetime };
  }
  const lineEnd = window.indexOf('\n', offset);
  const rest = window.slice(offset, lineEnd < 0 ? Math.min(window.length, offset + 80) : lineEnd);
  if (!DATE_LIKE.test(rest) || !DATE_ANCHOR.test(rest)) return none;
  const cut = dateExtent(rest);
  return { end: from + offset + cut, dateText: nonEmpty(collapseSpace(rest.slice(0, cut))), datetime: null };
}

/**
 * Where a date written as text ends when nothing marks its end (white space lost, corpus 27 has
 * no <time>): after the zone, else after the clock time, else after the year.
 */
function dateExtent(rest: string): number {
  const zone = /\b(?:[PMCE][SD]T|UTC(?:[+-]\d{1,2}(?::?\d{2})?)?|GMT(?:[+-]\d{1,2}(?::?\d{2})?)?|CES?T|Uhr)/.exec(rest);
  if (zone) return zone.index + zone[0].length;
  const time = /\d{1,2}\s*[:h]\s*\d{2}(?:\s*(?:[ap]\.?m\.?|午前|午後|오전|오후))?/i.exec(rest);
  if (time) return time.index + time[0].length;
  const year = /(?<!\d)(?:19|20)\d{2}(?!\d)/.exec(rest);
  return year ? year.index + year[0].length : rest.trimEnd().length;
}

function nonEmpty(value: string): string | null {
  return value.length > 0 ? value : null;
}
