import type { ScannedDocument } from '../document.js';
import { firstStartingFrom } from '../sorted.js';
import type { FoundEmbed } from '../types.js';

/**
 * Link forms of exports and feeds, where a post URL is a value of the export's own structure
 * rather than a line of the article: an Apple News component, a chat message, a feed item's link;
 * and the button that repeats the post of the embed above it.
 */

/** How far around its URL an Apple News component's braces are looked for. */
const COMPONENT_REACH = 600;

/** The URL at [start, end) is the whole `"URL"` value of a JSON object whose `"role"` is `"instagram"`. */
export function appleNewsComponent(text: string, start: number, end: number): boolean {
  if (text[end] !== '"' || !/"URL"\s*:\s*"$/.test(text.slice(Math.max(0, start - 40), start))) return false;
  const open = text.lastIndexOf('{', start);
  const close = text.indexOf('}', end);
  if (open < 0 || close < 0 || start - open > COMPONENT_REACH || close - end > COMPONENT_REACH) return false;
  const object = text.slice(open, close + 1);
  return !/[{}]/.test(object.slice(1, -1)) && /"role"\s*:\s*"instagram"/.test(object);
}

/** How far around its URL a chat message's braces are looked for: a bounded scan per URL keeps the rule linear. */
const MESSAGE_REACH = 600;
/** Keys that make a JSON object a chat message: Telegram's updates and exports, Slack's exports. */
const MESSAGE_KEY = /"message_id"\s*:|"type"\s*:\s*"message"/;

/**
 * The URL at [start, end) is the whole `"text"` of a chat message kept as JSON: a Telegram bot
 * update or export message (`"message_id"`, `"type": "message"`), a Slack export message (the URL
 * in `<…>`). A message that is only a post URL shares that post, which the client shows as a
 * preview, as an auto-embed shows a URL alone in its paragraph (web/memesbot-telegram-webhook.mk,
 * 2026-12); a URL inside a longer message is a citation.
 */
export function chatMessageText(text: string, start: number, end: number): boolean {
  const slack = text[start - 1] === '<' && text[end] === '>';
  const s = slack ? start - 1 : start;
  const e = slack ? end + 1 : end;
  if (text[e] !== '"' || !/"text"\s*:\s*"$/.test(text.slice(Math.max(0, s - 40), s))) return false;
  const open = braceAround(text, s, -1);
  const close = braceAround(text, e, 1);
  return open >= 0 && close >= 0 && MESSAGE_KEY.test(text.slice(open, close + 1));
}

/** The brace that opens (`step` -1) or closes (`step` 1) the JSON object holding `at`, skipping nested objects; -1 if none within reach. */
function braceAround(text: string, at: number, step: 1 | -1): number {
  const [inner, outer] = step < 0 ? ['}', '{'] : ['{', '}'];
  let depth = 0;
  for (let i = at + step; i >= 0 && i < text.length && Math.abs(i - at) <= MESSAGE_REACH; i += step) {
    const c = text[i];
    if (c === inner) depth += 1;
    else if (c === outer) {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return -1;
}

/** A feed element holding a post URL as its whole content, read this far around the URL. */
const FEED_TAG_REACH = 80;

/**
 * Whether the post URL at [s, e) of the source is the whole content of an RSS `<link>` element
 * (the range of the element: the item lists that post, as a feed made from an account's posts
 * does) or of a `<guid>` (the item's identifier, which repeats the link: not another post), else
 * null. An HTML `<link>` is empty; only a feed's holds its URL as text.
 */
export function feedItemLink(source: string, s: number, e: number): { start: number; end: number } | 'guid' | null {
  const before = source.slice(Math.max(0, s - FEED_TAG_REACH), s);
  const open = /<(link|guid)(?:\s[^<>]{0,60})?>$/i.exec(before);
  if (!open) return null;
  const name = (open[1] ?? '').toLowerCase();
  if (source.slice(e, e + name.length + 3).toLowerCase() !== `</${name}>`) return null;
  return name === 'guid' ? 'guid' : { start: s - open[0].length, end: e + name.length + 3 };
}

/** Readable text looked across from an embed to a link after it. */
const COMPANION_GAP = 200;

/**
 * Whether the post link at text index `ts` (source `s`) only repeats the embed just before it: the
 * last embed ending at or before `s` shows the same post, and nothing but white space stands
 * between the two in the readable text. Embed snippets and page builders put a "watch on
 * Instagram" button under the embed (web/creamie-sippies-sg.md); it names the embed's post, not
 * another. `covered` is sorted by start and its ranges do not overlap, so one binary search finds it.
 */
export function repeatsEmbedBefore(
  doc: ScannedDocument,
  covered: readonly FoundEmbed[],
  s: number,
  ts: number,
  shortcode: string,
): boolean {
  const before = covered[firstStartingFrom(covered, s + 1) - 1];
  if (!before || before.end > s || before.shortcode !== shortcode) return false;
  const from = doc.projection.toTextIndex(before.end);
  return ts >= from && ts - from <= COMPANION_GAP && doc.projection.text.slice(from, ts).trim() === '';
}
