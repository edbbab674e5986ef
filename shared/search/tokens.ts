import { parseInstagramUrl } from '../instagram/url.js';
import type { PostRecord } from '../post/post.js';

/**
 * Search terms of the library (docs/adr/0012-library-search-index.md). A record is indexed under
 * every token this file derives from it; a query matches a record when each of its terms is one
 * of the record's tokens. The same functions build the index and check candidates, so what the
 * index finds and what the record says can never disagree.
 */

/** Longest prefix kept of a word: long enough for any handle (30), short enough to bound items. */
const MAX_TOKEN = 30;
/** Prefixes start at this length: one letter would put most of the library in one partition. */
const MIN_PREFIX = 2;
/** Caption words indexed per record; captions are capped at 10,000 characters anyway. */
const MAX_CAPTION_WORDS = 200;

/** Lower case, accents dropped, width variants folded: "Café", "CAFE" and "ｃａｆｅ" are one word. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Words of a text: runs of letters and digits (and `_`/`.` inside handles), normalised. */
export function toWords(text: string): string[] {
  const words = normaliseText(text).match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words.map((word) => word.slice(0, MAX_TOKEN)).filter((word) => word.length > 0);
}

function prefixes(word: string): string[] {
  const out: string[] = [];
  for (let end = Math.min(MIN_PREFIX, word.length); end <= word.length; end += 1) out.push(word.slice(0, end));
  return out;
}

/**
 * Every token a record is found by: handle and display name by any prefix of two letters or
 * more ("conn" finds @connorwjessup), shortcode and caption words whole ("beach" does not find
 * "beaches": a prefix of every caption word would multiply the index tenfold).
 */
export function toSearchTokens(record: Pick<PostRecord, 'author' | 'caption' | 'shortcode'>): Set<string> {
  const tokens = new Set<string>();
  const handle = record.author.handle ? normaliseText(record.author.handle) : null;
  if (handle) {
    for (const prefix of prefixes(handle.slice(0, MAX_TOKEN))) tokens.add(prefix);
    for (const part of toWords(handle)) for (const prefix of prefixes(part)) tokens.add(prefix);
  }
  for (const word of toWords(record.author.name ?? '')) for (const prefix of prefixes(word)) tokens.add(prefix);
  // Shortcodes are found whole: nobody types half of one, and their prefixes are ten more items.
  if (record.shortcode) tokens.add(normaliseText(record.shortcode));
  const words = new Set(toWords(record.caption ?? ''));
  let count = 0;
  for (const word of words) {
    if (count >= MAX_CAPTION_WORDS) break;
    tokens.add(word);
    count += 1;
  }
  return tokens;
}

export type SearchQuery =
  /** The query is a post URL: the record is found by its shortcode, no index needed. */
  | { readonly kind: 'shortcode'; readonly shortcode: string }
  | { readonly kind: 'terms'; readonly terms: readonly string[] }
  | { readonly kind: 'none' };

/**
 * What a query string asks for. A pasted Instagram URL means that post; otherwise each word is a
 * term (a leading `@` of a handle is dropped with the other punctuation); at most 8 terms count.
 */
export function parseSearchQuery(q: string | undefined): SearchQuery {
  const text = (q ?? '').trim();
  if (text === '') return { kind: 'none' };
  if (/^(https?:\/\/)?([a-z0-9-]+\.)*(instagram\.com|instagr\.am)\//i.test(text)) {
    const parsed = parseInstagramUrl(text);
    if (parsed.type !== 'not-post') return { kind: 'shortcode', shortcode: parsed.shortcode };
  }
  // A shortcode with a dash (CqFyVvGIH-3) is one term: its tokens keep the dash.
  if (/^[A-Za-z0-9_-]{5,40}$/.test(text) && text.includes('-')) return { kind: 'terms', terms: [normaliseText(text)] };
  const terms = [...new Set(toWords(text).filter((word) => word.length >= MIN_PREFIX || /\p{N}/u.test(word)))].slice(0, 8);
  return terms.length > 0 ? { kind: 'terms', terms } : { kind: 'none' };
}

/**
 * The term whose index partition is read: the longest is the least common in practice (a
 * six-letter prefix names far fewer posts than a two-letter one).
 */
export function drivingTerm(terms: readonly string[]): string {
  return [...terms].sort((a, b) => b.length - a.length || a.localeCompare(b))[0]!;
}

/** Does a record hold every term? Applied to each candidate read through the index. */
export function matchesTerms(record: Pick<PostRecord, 'author' | 'caption' | 'shortcode'>, terms: readonly string[]): boolean {
  const tokens = toSearchTokens(record);
  return terms.every((term) => tokens.has(term));
}
