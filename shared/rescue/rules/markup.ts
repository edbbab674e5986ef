import { parseInstagramUrl } from '../../instagram/url.js';
import { linkTarget } from '../archived-url.js';
import { findBylines, findNameOnlyByline, HEADER_SOURCE } from '../byline.js';
import { type DecodedCopy, decodeCommentPrefixCopy } from '../decode.js';
import type { Attribute, ScannedDocument } from '../document.js';
import { toFoundEmbed } from '../embed-record.js';
import { COMMENT_MARKS } from '../line-place.js';
import { lineStartBefore } from '../lines.js';
import { CHROME_LINES } from '../locales.js';
import { postLinkIn, templatedPostLinkIn } from '../post-links.js';
import type { Projection } from '../projection.js';
import { firstAtOrAfter } from '../sorted.js';
import { normaliseCaption } from '../text.js';
import type { EmbedReading, FoundEmbed } from '../types.js';
import type { Work } from '../work.js';
import { fencedBlocks, NO_FENCES } from './ranges.js';
import { attr, EMBED_WORK, emptyReading, examined, IGNORED, mapBack, type RuleContext } from './rule.js';
import { maySubstackPost, substackPost } from './substack.js';

/** The markup forms: `<blockquote class="instagram-media">` of every version, `<amp-instagram>`, `<iframe>`. */

/** An unclosed embed element never swallows more than this much of the article. */
const MAX_UNCLOSED = 50_000;

const CHROME = new Set(CHROME_LINES.map((line) => line.toLowerCase()));

function isEmbedBlockquote(attrs: readonly Attribute[] | null | undefined): boolean {
  if (!attrs) return false;
  if (attrs.some((a) => a.escaped)) return false;
  // Class names survive machine translation less often than attribute names: either will do (2026-12).
  return attrs.some((a) => a.name.startsWith('data-instgrm') || (a.name === 'class' && /(?:^|\s)instagram[\w-]*/i.test(a.value)));
}

/**
 * Embed components of JSX, MDX and Vue pages (`<InstagramEmbed url="…"/>` of react-social-media-embed,
 * `<Instagram url="…"/>`, `<instagram-post>`): named after Instagram, the post's URL in an attribute.
 */
const COMPONENT_NAME = /^insta(?:gram)?(?:[-_]?(?:embed|post|reel|media|card))?$/;
const COMPONENT_URL_ATTRIBUTES = ['url', 'href', 'permalink', 'posturl', 'post-url', 'src', 'link'];

function componentUrl(name: string | undefined, attrs: readonly Attribute[] | null | undefined): string | null {
  if (!name || !COMPONENT_NAME.test(name)) return null;
  for (const key of COMPONENT_URL_ATTRIBUTES) {
    const value = attr(attrs, key)?.trim();
    if (value && /instagr(?:am\.com|\.am)\//i.test(value) && parseInstagramUrl(linkTarget(value)).type === 'post') return value;
  }
  return null;
}

/** blockquote.instagram-media of every version, amp-instagram, iframes, embed components: the markup forms. */
/** `skip`: where the markup is read from a decoded copy instead (joined string literals, rules/joined-literals.ts). */
export function* readStructural(context: RuleContext, skip: (at: number) => boolean = () => false): Generator<void, FoundEmbed[]> {
  const { doc, now, work, limit } = context;
  const el = doc.elements;
  const found: FoundEmbed[] = [];
  let real = 0;
  let floor = 0;
  const starts: number[] = [];
  for (let i = 0; i < el.name.length; i += 1) {
    work.step();
    if (work.due()) yield;
    const name = el.name[i];
    if (
      (name === 'blockquote' && isEmbedBlockquote(el.attrs[i])) ||
      name === 'amp-instagram' ||
      name === 'iframe' ||
      (name?.startsWith('insta') && componentUrl(name, el.attrs[i]) !== null) ||
      maySubstackPost(name, el.attrs[i])
    )
      starts.push(i);
  }
  // The next embed blockquote after each one, found back to front: an unclosed one ends there.
  const nextBlockquote = new Array<number>(starts.length).fill(-1);
  for (let k = starts.length - 2; k >= 0; k -= 1) {
    const after = starts[k + 1] ?? -1;
    nextBlockquote[k] = el.name[after] === 'blockquote' ? after : (nextBlockquote[k + 1] ?? -1);
  }
  const fences = doc.format === 'markdown' && starts.length > 0 ? yield* fencedBlocks(doc.source, work) : NO_FENCES;
  const escaped = starts.some((i) => el.name[i] === 'blockquote' && !el.closed[i]) ? yield* escapedBlockquotes(doc.source, work) : [];
  /**
   * Where the element at starts[k] ends: an unclosed blockquote at the next embed blockquote, written
   * as markup or escaped in a string literal, or MAX_UNCLOSED on.
   */
  const blockquoteEnd = (k: number): number => {
    const i = starts[k] ?? 0;
    const start = el.start[i] ?? 0;
    const end = el.end[i] ?? 0;
    if (el.name[i] !== 'blockquote' || el.closed[i]) return end;
    const next = nextBlockquote[k] ?? -1;
    const copy = escaped[firstAtOrAfter(escaped, el.tagEnd[i] ?? start)] ?? end;
    return Math.min(end, copy, next >= 0 ? (el.start[next] ?? end) : end, start + MAX_UNCLOSED, doc.source.length);
  };
  for (let k = 0; k < starts.length; k += 1) {
    work.step(EMBED_WORK);
    if (work.due()) yield;
    const i = starts[k] ?? 0;
    const start = el.start[i] ?? 0;
    if (start < floor || skip(start)) continue;
    // One more than the limit is read, so that the caller knows the list was cut.
    if (real > limit) break;
    real = found.length;
    const name = el.name[i];
    const attrs = el.attrs[i];
    let end = blockquoteEnd(k);
    const component = name !== 'blockquote' && name !== 'iframe' && name !== 'amp-instagram';
    // A component written self-closing (`<InstagramEmbed … />`) is never closed by an end tag: its start tag is all of it.
    if (component && !el.closed[i]) end = el.tagEnd[i] ?? end;
    // Markup in a Markdown fenced code block is a sample of the embed code, not an embed: nothing inside it is read.
    if (fences.covers(start)) {
      found.push({ ...toFoundEmbed('blockquote', start, end, emptyReading(), now), found: IGNORED });
      floor = end;
      continue;
    }
    if (name === 'div') {
      // Substack's component: its JSON is read once, as long as it is.
      yield* examined(work, attr(attrs, 'data-attrs')?.length ?? 0);
      const card = substackPost(attrs);
      if (!card) continue;
      const notes = card.handle || card.name ? [] : ['link-only'];
      found.push(toFoundEmbed('link', start, end, { ...emptyReading(), ...card, notes }, now));
      floor = end;
    } else if (name === 'amp-instagram') {
      const shortcode = attr(attrs, 'data-shortcode')?.trim();
      if (!shortcode) continue;
      found.push(toFoundEmbed('amp', start, end, { ...emptyReading(), shortcode }, now));
      floor = end;
    } else if (component) {
      found.push(toFoundEmbed('link', start, end, { ...emptyReading(), permalink: componentUrl(name, attrs), notes: ['link-only'] }, now));
      floor = end;
    } else if (name === 'iframe') {
      const src = attr(attrs, 'src') ?? attr(attrs, 'data-src') ?? '';
      if (!src && context.canDecode) {
        // Facebook Instant Articles wrap the embed code itself in a src-less iframe (`figure.op-interactive`),
        // whose content HTML keeps as raw text: it is read again as HTML.
        const inner = yield* iframeContent(context, i, end);
        if (inner.length > 0) {
          found.push(...inner);
          floor = end;
        }
        continue;
      }
      const target = linkTarget(src);
      if (!/instagr(?:am\.com|\.am)\//i.test(target) || parseInstagramUrl(target).type !== 'post') continue;
      found.push(toFoundEmbed('iframe', start, end, { ...emptyReading(), permalink: src }, now));
      floor = end;
    } else {
      floor = end;
      if (context.canDecode && commentPrefixed(doc.source, start, work)) {
        // The embed blockquotes on the comment's next lines are decoded with this one: one copy
        // for the run, not one for each (a doc comment listing its samples line by line).
        let runEnd = end;
        for (let j = k + 1; j < starts.length; j += 1) {
          work.step();
          const next = starts[j] ?? 0;
          const nextStart = el.start[next] ?? 0;
          if (el.name[next] !== 'blockquote' || !isEmbedBlockquote(el.attrs[next])) break;
          // An unclosed blockquote already ends where the next one starts.
          if (!onlyCommentMarks(doc.source, runEnd, nextStart) || !commentPrefixed(doc.source, nextStart, work)) break;
          runEnd = Math.max(runEnd, blockquoteEnd(j));
        }
        floor = runEnd;
        const copy = decodeCommentPrefixCopy(doc.source, start, runEnd);
        const inner = yield* context.readCopy(copy.text);
        found.push(...mapBack(inner, copy, start, runEnd));
        continue;
      }
      const reading = readBlockquote(doc, i, end, work);
      if (!reading) {
        // A profile embed, or an empty shell: not a post, but nothing else may be read inside it.
        found.push({ ...toFoundEmbed('blockquote', start, end, emptyReading(), now), found: IGNORED });
        continue;
      }
      found.push(toFoundEmbed('blockquote', start, end, reading, now));
    }
  }
  return found;
}

/**
 * Where an embed blockquote starts escaped in a string literal (`\u003cblockquote`, `\x3cblockquote`,
 * `&lt;blockquote`), ascending: one pass. An unclosed start tag in source code (a test's expected
 * regex `<blockquote class="instagram-media" … .*`) would otherwise run on over the next literal's
 * escaped embed and take its byline for its own (web/hugo-shortcode-test.go, 2026-12); that embed is
 * another copy's, read when the literal is decoded.
 */
function* escapedBlockquotes(source: string, work: Work): Generator<void, number[]> {
  const at: number[] = [];
  const pattern = work.regex('escaped-blockquote', ESCAPED_BLOCKQUOTE, 'gi');
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    at.push(m.index);
    work.step();
    if (work.due()) yield;
  }
  yield* examined(work, source.length);
  return at;
}

const ESCAPED_BLOCKQUOTE = '(?:\\\\u003c|\\\\x3c|&lt;)blockquote\\b';

/** What a src-less iframe's raw content holds, read as HTML and mapped back to the article. */
function* iframeContent(context: RuleContext, i: number, end: number): Generator<void, FoundEmbed[]> {
  const { doc, work } = context;
  const from = doc.elements.tagEnd[i] ?? end;
  const close = doc.source.lastIndexOf('</', end);
  const to = close > from ? close : end;
  const body = doc.source.slice(from, to);
  yield* examined(work, body.length);
  if (!/instagr/i.test(body) || !/<(?:blockquote|amp-instagram|iframe)\b/i.test(body)) return [];
  const offsets = new Int32Array(body.length + 1);
  for (let k = 0; k <= body.length; k += 1) offsets[k] = from + k;
  const copy: DecodedCopy = { text: body, offsets, encoding: null };
  return mapBack(yield* context.readCopy(body), copy, from, to);
}

/** Longest stretch between two embeds of one commented run: a line break and a comment's marks. */
const COMMENT_GAP = 40;

/** Nothing, or only white space and comment marks (`*`, `//`, `#`) over a line break, between `from` and `to`. */
function onlyCommentMarks(source: string, from: number, to: number): boolean {
  if (to < from || to - from > COMMENT_GAP) return false;
  return /^(?:[ \t]*\r?\n[ \t]*(?:\*|\/\/|#)[ \t]*)?$/.test(source.slice(from, to));
}

/** The start tag stands on a doc-comment line (` * <blockquote …`, `// `, `# `). */
function commentPrefixed(source: string, start: number, work: Work): boolean {
  const lineStart = lineStartBefore(source, start, 41, work);
  if (start - lineStart > 40 || lineStart === 0) return false;
  return COMMENT_MARKS.test(source.slice(lineStart, start));
}

/**
 * Reads `<blockquote class="instagram-media">` of any template version (2–14). Its text is the
 * same text a leftover keeps, so the byline and header rules are shared; the markup adds the
 * permalink attribute, the version and the caption paragraph. v13/v14 markup carries no caption
 * and no date (corpus 29–35, 44, 45), v2 no byline (corpus 13). Null: not a post (a profile embed).
 */
function readBlockquote(doc: ScannedDocument, i: number, end: number, work: Work): EmbedReading | null {
  const el = doc.elements;
  const attrs = el.attrs[i];
  const ts = el.textStart[i] ?? 0;
  const te = Math.min(el.textEnd[i] ?? ts, doc.projection.toTextIndex(end));
  const view = markupLayout(doc.projection.slice(ts, te), doc.source, doc.format, work);
  const permalinkAttr = attr(attrs, 'data-instgrm-permalink');
  if (permalinkAttr !== undefined && parseInstagramUrl(linkTarget(permalinkAttr)).type !== 'post') return null;
  const bylines = findBylines(view, work);
  let byline = bylines.at(-1) ?? null;
  const permalink = permalinkAttr ?? postLinkIn(view, 0, view.text.length);
  if (!permalink && !byline) return null;
  // A template's embed: its post link holds the code that fills the shortcode in, as a
  // permalink attribute that names no post does (above); its byline is a sample's.
  if (!permalink && templatedPostLinkIn(view, 0, view.text.length)) return null;
  const notes: string[] = [];
  if (!byline) {
    // Template words in a language not known (or machine-translated, 2026-12): the last "(@handle)"
    // of the embed is still its author, and a <time datetime> still its time; the name stays unknown.
    byline = unknownByline(view, work);
    if (byline) notes.push('byline-words-unknown');
  }
  // No handle anywhere: the template words and a name on the last line still name the author.
  const nameOnly = byline ? null : findNameOnlyByline(view, work);
  const bylineStart = byline?.start ?? nameOnly?.start ?? view.text.length;
  const header = lastMatch(work.regex('header', HEADER_SOURCE, 'g'), view.text, bylineStart, work);
  const version = Number.parseInt(attr(attrs, 'data-instgrm-version') ?? '', 10);
  // v13 and v14 markup carries no caption text (corpus 29–35, 44, 45): what stands there is chrome.
  // Before the caption, a short line naming Instagram is the header in a language not listed.
  const caption =
    version >= 13
      ? null
      : normaliseCaption(
          view.text.slice(header ?? 0, bylineStart),
          (line, index) =>
            CHROME.has(line.replace(/\.$/, '').toLowerCase()) ||
            (index === 0 && header === null && line.length <= 80 && /Instagram/.test(line) && !CAPTION_MARK.test(line)) ||
            // An editor's pasted post URL inside the blockquote is not caption (WordPress, 2025).
            /^(?:https?:)?\/\/(?:www\.)?instagr(?:am\.com|\.am)\/\S*$/i.test(line),
        );
  return {
    permalink,
    name: byline?.name ?? nameOnly?.name ?? null,
    handle: byline?.handle ?? null,
    caption,
    datetime: byline?.datetime ?? null,
    dateText: byline?.dateText ?? null,
    embedVersion: Number.isInteger(version) ? version : null,
    notes,
  };
}

/**
 * Marks no template header carries: a hashtag, a mention, an emoji. A short first line that names
 * Instagram and holds one is the caption ("Od jutra na Instagramie #tag ☕"; web/kernelgonnapanic-pl.md, 2026-12).
 */
const CAPTION_MARK = /[#@＃＠]|\p{Extended_Pictographic}/u;

/**
 * The embed is HTML wherever it stands, so a line break in its source is white space: an editor
 * re-indenting the markup breaks a caption and puts the byline's `<time>` on the next line
 * (web/dacham-ko.jsp, 2026-12). HTML articles project it so already; Markdown and text keep
 * source line breaks as breaks, and inside the embed they become spaces again. `<br>` and block
 * ends still break (the projection writes them without a line break in the source). Same length:
 * indexes hold.
 */
function markupLayout(view: Projection, source: string, format: ScannedDocument['format'], work: Work): Projection {
  if (format === 'html' || !view.text.includes('\n')) return view;
  work.step(view.text.length >> 6);
  const text = view.text.replace(/\n/g, (line, at: number) => (source[view.toSourceStart(at)] === '\n' ? ' ' : line));
  if (text === view.text) return view;
  return {
    text,
    get times() {
      return view.times;
    },
    get links() {
      return view.links;
    },
    toSourceStart: view.toSourceStart,
    toSourceEnd: view.toSourceEnd,
  };
}

function unknownByline(
  view: ReturnType<ScannedDocument['projection']['slice']>,
  work: Work,
): ReturnType<typeof findBylines>[number] | null {
  const handles = work.regex('unknown-handle', '[(（][ \\t\\u00a0]*@([A-Za-z0-9._]{1,30})[ \\t\\u00a0]*[)）]', 'g');
  let last: RegExpExecArray | null = null;
  for (let m = handles.exec(view.text); m; m = handles.exec(view.text)) {
    work.step();
    last = m;
  }
  const time = [...view.times].reverse().find((t) => t.datetime);
  if (!last) return null;
  return {
    // The byline's line is not caption.
    start: lineStartBefore(view.text, last.index, 300, work),
    end: last.index + last[0].length,
    name: null,
    handle: last[1] ?? '',
    dateText: null,
    datetime: time?.datetime ?? null,
  };
}

function lastMatch(pattern: RegExp, text: string, before: number, work: Work): number | null {
  let last: number | null = null;
  for (let m = pattern.exec(text); m && m.index + m[0].length <= before; m = pattern.exec(text)) {
    work.step();
    last = m.index + m[0].length;
  }
  return last;
}
