import { parseVisibleDateDetail } from './dates.js';
import { lineStartBefore, windowsAround } from './lines.js';
import { BYLINE_PREFIXES, BYLINE_SUFFIXES, CLIPPED_BYLINE_PREFIXES, HEADER_PHRASES, NAME_HONORIFICS, phrasePattern } from './locales.js';
import type { Projection } from './projection.js';
import { firstStartingFrom } from './sorted.js';
import { cleanName, collapseSpace } from './text.js';
import type { Work } from './work.js';

/** One "A post shared by NAME (@handle) on DATE" found in projected text (text indexes). */
export interface Byline {
  readonly start: number;
  readonly end: number;
  readonly name: string | null;
  readonly handle: string;
  readonly dateText: string | null;
  readonly datetime: string | null;
}

/**
 * A byline's display name, or none where the template printed a missing one as a script value:
 * "Een foto die is geplaatst door null (@handle) op …" (nl v7; web/hln-nl.txt, 2026-12).
 */
function bylineName(raw: string): string | null {
  const name = cleanName(raw);
  return name === 'null' || name === 'undefined' ? null : name;
}

/** How far a byline's name, handle and date may reach: longer is prose, not a byline. */
const NAME_REACH = 300;
const DATE_REACH = 200;
/** Before a suffix phrase: the handle group, an honorific and a display name (Instagram allows 30 characters; decorated ones run longer). */
const SUFFIX_NAME_REACH = 160;

const PREFIX_SOURCE = [...BYLINE_PREFIXES, ...CLIPPED_BYLINE_PREFIXES].map(phrasePattern).join('|');
const CLIPPED_PREFIX = new RegExp(`^(?:${CLIPPED_BYLINE_PREFIXES.map(phrasePattern).join('|')})$`);
const SUFFIX_SOURCE = BYLINE_SUFFIXES.map(phrasePattern).join('|');
export const HEADER_SOURCE = `(?:${HEADER_PHRASES.map(phrasePattern).join('|')})\\.?`;
/**
 * Handles are 1–30 of A–Z a–z 0–9 . _ (Instagram's rule); full-width parentheses in zh-TW (2026-12).
 * Inside the parentheses a text tool's space after each full stop ("(@jose. ga)", a search
 * index that spaced every sentence; web/lunr-search-es.js, 2026-12) still closes one handle:
 * no handle holds a space, so the pieces join (handleOf).
 */
const HANDLE_GROUP = /[(（][ \t\u00a0]*@([A-Za-z0-9._]{1,30}(?:\. [A-Za-z0-9_][A-Za-z0-9._]{0,28}){0,3})[ \t\u00a0]*[)）]/;
/** The words a template puts between a byline's handle and its date (CONNECTOR), as whole words. */
const CONNECTOR_WORDS =
  '(?:publicad[ao]|publiée|pubblicato)[ \\t\\u00a0]+(?:el|le|il)|in[ \\t\\u00a0]+data:|on|am|em|el|le|il|op|om|à|a|pada|den|kl\\.|дана|เมื่อ|julkaisi';
/**
 * The handle after a name-less byline's "@", one space allowed between (the profile link's text,
 * BARE_HANDLE); after that space, a connector word is the byline going on with no handle ("A post
 * shared by @ on May 23, 2019"), not a handle.
 */
const SPACED_HANDLE = `(?:[ \\u00a0](?!(?:${CONNECTOR_WORDS})(?![A-Za-z0-9._])))?([A-Za-z0-9._]{1,30})`;
/**
 * Name-less bylines: "A post shared by @handle" or a Markdown export's "[@handle](…)". The v12
 * template writes the "@" before the profile link and the link's text with the space it gives
 * every name, "@<a …> handle</a>", so one space may follow the "@" (ja v12,
 * web/chroju-corne-ja.md, 2026-12).
 */
const BARE_HANDLE = new RegExp(`^[ \\t\\u00a0]*@${SPACED_HANDLE}(?![A-Za-z0-9_])`);
/** The handle group right before a suffix phrase, with a template honorific or Turkish case ending between. */
const HANDLE_BEFORE_SUFFIX =
  /[(（][ \t\u00a0]*@([A-Za-z0-9._]{1,30})[ \t\u00a0]*[)）][ \t\u00a0]*(?:さん|님|['’][a-zçğıöşü]{1,4})?[ \t\u00a0]*$/u;
/**
 * A suffix byline without a display name: the bare handle alone before the template words,
 * "@handleがシェアした投稿" (ja v12 of an account with no name; web/jjug-quote-ja.md, 2026-12), or
 * "@ handleがシェアした投稿" where the handle is the profile link's text (BARE_HANDLE).
 */
const BARE_HANDLE_BEFORE_SUFFIX = new RegExp(`^[ \\t\\u00a0]*@${SPACED_HANDLE}[ \\t\\u00a0]*(?:さん|님)?[ \\t\\u00a0]*$`, 'u');
const NAME_PREFIX_WORDS = /^(?:Henkilön|Käyttäjän|Bài viết do)[ \t\u00a0]+/;
/**
 * Words between the handle and the date, same line ("on", "am", "em", "publicada el", it v5 "in data:", "-", "님,", "pada", "a", sr "дана", th "เมื่อ", suffix phrases).
 * fi v7 puts its verb there: "Kuva, jonka NAME (@handle) julkaisi DATE" (code index file_id 25110148128,
 * 2026-12); as a connector it counts only after the template words, not as a suffix that starts a byline.
 * A word ends at white space, or at the text's end (CONNECTOR_AT_END): a store that cut a page
 * after a date-less byline leaves its connector last ("… (@handle) on" ending the text,
 * web/tn8-selena-ni.txt; "Ein von NAME (@handle) gepostetes Foto am", web/promicabana-pink-de.txt;
 * 2026-12). The text's end ends the byline's line as a line break does, so the connector left
 * last is kept whatever its length, the European Portuguese "a" too ("Uma publicação partilhada
 * por NAME (@handle) a" ending the text, web/movenoticias-ronaldo-pt.txt, 2026-12), as it is before
 * a line break (readDate). The end of a window that stops short of the text's end is no word's end.
 */
const connectorPattern = (wordEnd: string): RegExp =>
  new RegExp(`^[ \\t\\u00a0]*(?:(?:${SUFFIX_SOURCE})[ \\t\\u00a0]*)?(?:(?:${CONNECTOR_WORDS})(?=${wordEnd})|님,|님|[-–—,])?[ \\t\\u00a0]*`);
const CONNECTOR = connectorPattern('[\\s\\u00a0]');
const CONNECTOR_AT_END = connectorPattern('[\\s\\u00a0]|$');
/** The Spanish template breaks the line before "publicada el" once converted to Markdown (text/01.txt). */
const NEXT_LINE_CONNECTOR = /^\s*(?:(?:publicad[ao]|publiée|pubblicato)\s+(?:el|le|il)|in\s+data:|on|am|em|el|le|il|op|om|à)(?=\s)\s*/;
const DATE_ANCHOR = /(?<!\d)(?:19|20)\d{2}(?!\d)|[月월]/;

/**
 * The text is a byline and nothing else: a link whose text this is (a page that linked the embed's
 * byline to the post) is that leftover, read with the link's post by the text rule. A link whose
 * text only holds the template's words and a handle ("A post shared by NASA (@nasa) about the
 * landing", "Watch: a photo shared by @nasa") is the page's own link: the text rule reads no
 * leftover there, and the link rule keeps the post.
 */
export function isWholeByline(projection: Projection, work: Work): boolean {
  const { text } = projection;
  if (!/[@＠]/.test(text)) return false;
  if (!work.regex('holds-prefix', PREFIX_SOURCE, '').test(text) && !work.regex('holds-suffix', SUFFIX_SOURCE, '').test(text)) return false;
  const bylines = findBylines(projection, work);
  const [byline] = bylines;
  return bylines.length === 1 && byline !== undefined && !/\S/.test(text.slice(0, byline.start)) && !/\S/.test(text.slice(byline.end));
}

/** Every byline in the text, in order; the regular expressions run once over the text, windows are bounded. */
export function findBylines(projection: Projection, work: Work): Byline[] {
  const { text } = projection;
  const found: Byline[] = [];
  const byStart: Byline[] = [];
  // Every byline holds an "@" (its handle): the phrase rules read only the text around one.
  for (const [from, to] of windowsAround(text, work.regex('at', '[@＠]', 'g'), NAME_REACH + 80, DATE_REACH + 80, work)) {
    readWindow(projection, from, to, work, found, byStart);
  }
  return mergeSorted(found, byStart);
}

function readWindow(projection: Projection, from: number, to: number, work: Work, found: Byline[], byStart: Byline[]): void {
  const { text } = projection;
  const windowText = text.slice(from, to);
  work.step((to - from) >> 6);
  const prefix = work.regex('prefix', PREFIX_SOURCE, 'g');
  const suffix = work.regex('suffix', SUFFIX_SOURCE, 'g');
  const header = work.regex('header', HEADER_SOURCE, 'g');
  const handleGroup = work.regex('handle', HANDLE_GROUP.source, 'g');
  const firstOfWindow = found.length;

  let floor = 0;
  for (let p = prefix.exec(windowText); p; p = prefix.exec(windowText)) {
    work.step();
    const m = { index: from + p.index, 0: p[0] };
    if (m.index < floor) continue;
    const nameStart = m.index + m[0].length;
    // The first "(@handle)" after the template words ends the name: names may hold parentheses
    // ("(he/him)", corpus 32) but not a handle group, and a caption's "(@kevin)" comes before the
    // template words (corpus 38). White space lost before the next piece does not matter then.
    let line = lineWindow(text, nameStart, NAME_REACH);
    handleGroup.lastIndex = 0;
    let handle: RegExpExecArray | null = handleGroup.exec(line);
    if (!handle && !BARE_HANDLE.test(line)) {
      // A byline hard-wrapped onto the next line (text and Markdown exports wrap long lines); a
      // blank line ends it.
      line = wrappedLineWindow(text, nameStart, NAME_REACH);
      handleGroup.lastIndex = 0;
      handle = handleGroup.exec(line);
    }
    let handleEnd = handle ? handle.index + handle[0].length : -1;
    let nameEnd = handle ? handle.index : -1;
    if (!handle) {
      handle = BARE_HANDLE.exec(line);
      if (!handle) continue;
      nameEnd = 0;
      handleEnd = handle[0].length;
    }
    if (handleOf(handle[1] ?? '').length > 30) continue;
    const date = readDate(projection, nameStart + handleEnd);
    // A clipped verb (CLIPPED_BYLINE_PREFIXES) needs the date and clock time a byline ends with.
    if (CLIPPED_PREFIX.test(m[0]) && !(date.dateText && parseVisibleDateDetail(date.dateText)?.precision === 'minute')) continue;
    found.push({
      start: m.index,
      end: date.end,
      name: bylineName(line.slice(0, nameEnd)),
      handle: handleOf(handle[1] ?? ''),
      dateText: date.dateText,
      datetime: date.datetime,
    });
    floor = date.end;
    prefix.lastIndex = Math.max(prefix.lastIndex, date.end - from);
  }

  let cursor = firstOfWindow;
  // Where this pass's last byline ended.
  let lastEnd = 0;
  for (let q = suffix.exec(windowText); q; q = suffix.exec(windowText)) {
    work.step();
    const m = { index: from + q.index, 0: q[0] };
    // Skip suffixes inside a byline the prefix pass already read (fi/vi put words on both sides).
    while (cursor < found.length && (found[cursor]?.end ?? 0) <= m.index) cursor += 1;
    const covering = found[cursor];
    if (covering && covering.start <= m.index) continue;
    // The name starts after the last byline of either pass that ended before it, if on its line:
    // a text of suffix bylines back to back gives each its own name, not the line behind it.
    const previousEnd = Math.min(m.index, Math.max(lastEnd, cursor > 0 ? (found[cursor - 1]?.end ?? 0) : 0));
    const lineStart = Math.max(lineStartBefore(text, m.index, SUFFIX_NAME_REACH, work), previousEnd);
    const before = text.slice(lineStart, m.index);
    const grouped = HANDLE_BEFORE_SUFFIX.exec(before);
    // The name starts after a header on its line whose line break was lost; every header names Instagram.
    const headed = grouped ? before.slice(0, grouped.index) : before;
    let nameOffset = 0;
    if (headed.includes('Instagram')) {
      header.lastIndex = 0;
      for (let b = header.exec(headed); b; b = header.exec(headed)) {
        work.step();
        nameOffset = b.index + b[0].length;
      }
    }
    const h = grouped ?? BARE_HANDLE_BEFORE_SUFFIX.exec(before.slice(nameOffset));
    if (!h) continue;
    let nameText = grouped ? headed.slice(nameOffset).replace(NAME_PREFIX_WORDS, '') : '';
    for (const honorific of NAME_HONORIFICS)
      if (nameText.trimEnd().endsWith(honorific)) nameText = nameText.trimEnd().slice(0, -honorific.length);
    const date = readDate(projection, m.index + m[0].length);
    byStart.push({
      start: lineStart + nameOffset,
      end: date.end,
      name: bylineName(nameText),
      handle: h[1] ?? '',
      dateText: date.dateText,
      datetime: date.datetime,
    });
    lastEnd = date.end;
    suffix.lastIndex = Math.max(suffix.lastIndex, date.end - from);
  }
}

/**
 * A byline whose handle an editor cut off: the template words and a name alone on the last line of
 * an embed's markup, "Допис, поширений NAME" (uk v14; web/puuhnasti-uk.jsx, 2026-12). Only the
 * markup rule asks: there the last line is the byline's place, while in prose the same words may
 * start any sentence. Null where the last line is not one.
 */
export function findNameOnlyByline(projection: Projection, work: Work): { start: number; name: string } | null {
  const { text } = projection;
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1] ?? '')) end -= 1;
  // The last line, when it is no longer than a byline's name reach: a longer one is not a byline.
  const from = Math.max(0, end - NAME_REACH - 1);
  const newline = text.slice(from, end).lastIndexOf('\n');
  if (newline < 0 && from > 0) return null;
  work.step();
  const lineStart = newline < 0 ? 0 : from + newline + 1;
  const line = text.slice(lineStart, end);
  const m = work.regex('name-only', `^[ \\t\\u00a0]*(?:${PREFIX_SOURCE})[ \\t\\u00a0]+`, '').exec(line);
  if (!m) return null;
  const name = bylineName(line.slice(m[0].length));
  // A date or a suffix phrase on the line means words of the template followed: not a name alone.
  const suffix = work.regex('name-only-suffix', SUFFIX_SOURCE, '');
  return name && !/[@＠]/.test(name) && !DATE_ANCHOR.test(name) && !suffix.test(name)
    ? { start: lineStart + m[0].length - m[0].trimStart().length, name }
    : null;
}

/** The template's byline words, a name, then "(@" and the handle's first letters ending the line (cutHandleByline). */
const CUT_HANDLE_BYLINE = `^[ \\t\\u00a0]*(?:${BYLINE_PREFIXES.map(phrasePattern).join('|')})[ \\t\\u00a0]+([^\\n@＠()（）]+?)[ \\t\\u00a0]*[(（][ \\t\\u00a0]*[@＠][A-Za-z0-9._]{0,30}[ \\t\\u00a0]*\\r?$`;

/**
 * A byline cut inside its handle group: the template words, a name, then "(@" and at most the
 * handle's first letters ending the line, no closing parenthesis ("Una publicación compartida por
 * NAME (@hand"; a syndicated copy of a Peruvian page, web/localnewswave-peruchile-es.txt, 2026-12).
 * The name is whole, the handle is not known. Only the line below a lone header is asked
 * (leftover-text.ts): elsewhere the same words may be prose a store cut. Returns the name or null.
 */
export function cutHandleByline(line: string, work: Work): string | null {
  if (line.length > NAME_REACH) return null;
  work.step();
  const m = work.regex('cut-handle', CUT_HANDLE_BYLINE, '').exec(line);
  return m ? bylineName(m[1] ?? '') : null;
}

function mergeSorted(a: Byline[], b: Byline[]): Byline[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: Byline[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.start <= y.start)) {
      out.push(x as Byline);
      i += 1;
    } else {
      out.push(y);
      j += 1;
    }
  }
  return out;
}

/** The rest of the line from `from` and the line after it unless that is blank, at most `reach` characters. */
function wrappedLineWindow(text: string, from: number, reach: number): string {
  const window = text.slice(from, from + reach);
  const first = window.indexOf('\n');
  if (first < 0 || /^[ \t\u00a0]*\r?(?:\n|$)/.test(window.slice(first + 1))) return lineWindow(text, from, reach);
  const second = window.indexOf('\n', first + 1);
  return second < 0 ? window : window.slice(0, second);
}

/** The rest of the line from `from`, at most `reach` characters. */
function lineWindow(text: string, from: number, reach: number): string {
  const window = text.slice(from, from + reach);
  const newline = window.indexOf('\n');
  return newline < 0 ? window : window.slice(0, newline);
}

function readDate(projection: Projection, from: number): { end: number; dateText: string | null; datetime: string | null } {
  const { text } = projection;
  const none = { end: from, dateText: null, datetime: null };
  const window = text.slice(from, from + DATE_REACH);
  let offset = (from + DATE_REACH >= text.length ? CONNECTOR_AT_END : CONNECTOR).exec(window)?.[0].length ?? 0;
  let time = timeNear(projection, from, from + offset);
  // Where the byline's own line ends: at its connector word, when the date is not on that line.
  const ownLine = { ...none, end: from + offset > from && /\S/.test(window.slice(0, offset)) ? from + offset : from };
  let wrapped = false;
  // Nothing after the connector but the text's end: the byline's line ends there.
  if (!time && from + window.length >= text.length && !/\S/.test(window.slice(offset))) return ownLine;
  if (!time && /^\s*\n/.test(window.slice(offset))) {
    const next = NEXT_LINE_CONNECTOR.exec(window);
    if (!next) return ownLine;
    offset = next[0].length;
    wrapped = true;
    time = timeNear(projection, from, from + offset);
  }
  if (time) {
    return { end: time.end, dateText: visibleDate(collapseSpace(text.slice(time.start, time.end))), datetime: time.datetime };
  }
  const lineEnd = window.indexOf('\n', offset);
  const rest = window.slice(offset, lineEnd < 0 ? Math.min(window.length, offset + 80) : lineEnd);
  if (!/\d/.test(rest) || !DATE_ANCHOR.test(rest) || proseBeforeDate(rest)) {
    // A suffix phrase alone after the handle still belongs to the byline (fi "jakama julkaisu").
    const connector = window.slice(0, offset);
    return connector.trim().length > 1 ? { ...none, end: from + connector.trimEnd().length } : none;
  }
  const cut = dateExtent(rest);
  const dateText = visibleDate(collapseSpace(rest.slice(0, cut)));
  // A wrapped byline's next line is all date; the page's own next paragraph only holds a year
  // somewhere ("… joined Instagram on the day of the 2012 election"), and the byline ends at "on".
  if (wrapped && !(dateText && parseVisibleDateDetail(dateText))) return ownLine;
  return { end: from + offset + cut, dateText, datetime: null };
}

/**
 * Words enough before the first digit to be a sentence, not a date: the template's date starts
 * with its day or year, or with one or two words (a month, a weekday, "ก.ค."). Text after a
 * date-less byline that names a year further on is the page's or the post's own words, the quoted
 * caption an aggregator ran on ("(@handle) -Te noći kad smo stigli u Budvu 30.12.2023.";
 * web/naslovi-djordjedavid-sr.txt, 2026-12), and no part of the byline.
 */
function proseBeforeDate(rest: string): boolean {
  const digit = rest.search(/\d/);
  const words = rest.slice(0, digit < 0 ? rest.length : digit).match(/\p{L}+/gu);
  return (words?.length ?? 0) > MAX_DATE_WORDS;
}

/** Letter runs a visible date may hold before its first digit. */
const MAX_DATE_WORDS = 3;

/** The `<time>` element starting between `from` and just after `at` (times are sorted by start). */
function timeNear(projection: Projection, from: number, at: number): Projection['times'][number] | undefined {
  const time = projection.times[firstStartingFrom(projection.times, from)];
  return time && time.start <= at + 1 && time.end > time.start ? time : undefined;
}

/**
 * Where a date written as text ends when nothing marks its end (white space lost, corpus 27 has
 * no <time>): after the zone, else after the clock time, else after the year.
 */
function dateExtent(rest: string): number {
  // Hungarian puts the zone in words: "(PDT időzóna szerint)" (hu sample, test/fixtures/rescue/locales.jsonl, 2026-12).
  const zone = /\b(?:[PMCE][SD]T|UTC(?:[+-]\d{1,2}(?::?\d{2})?)?|GMT(?:[+-]\d{1,2}(?::?\d{2})?)?|CES?T|Uhr)(?: időzóna szerint)?\)?/.exec(
    rest,
  );
  if (zone) return zone.index + zone[0].length;
  const time = /\d{1,2}[ \t]*[:h.][ \t]*\d{2}(?:[ \t]*(?:[ap]\.?m\.?|午前|午後|오전|오후|上午|下午))?/i.exec(rest);
  if (time) return time.index + time[0].length;
  const year = /(?<!\d)(?:19|20)\d{2}(?!\d)/.exec(rest);
  return year ? year.index + year[0].length : rest.trimEnd().length;
}

/** A visible date holds a letter or a digit: a `<time>` whose text is only punctuation (".") shows none. */
function visibleDate(value: string): string | null {
  return /[\p{L}\p{N}]/u.test(value) ? value : null;
}

/** A handle read from its group, a text tool's spaces after full stops taken out (HANDLE_GROUP). */
function handleOf(raw: string): string {
  return raw.replaceAll('. ', '.');
}
