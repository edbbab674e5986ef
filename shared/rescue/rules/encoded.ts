import { decodeBackslashCopy, decodeBase64Copy, decodeEntitiesInSteps } from '../decode.js';
import type { EncodedRegion } from '../document.js';
import { toFoundEmbed } from '../embed-record.js';
import { firstAtOrAfter } from '../sorted.js';
import type { FoundEmbed } from '../types.js';
import type { Work } from '../work.js';
import { readAsMarkup, readPiecesAsOne } from './copies.js';
import { type JoinedLiteral, readLiteralsAsOne } from './joined-literals.js';
import { coverage, elementStartingAt, type Fences, fencedBlocks, NO_FENCES, withoutOverlaps } from './ranges.js';
import { emptyReading, examined, IGNORED, mapBack, type RuleContext } from './rule.js';

/**
 * Decoded copies: attribute values, raw-text bodies (base64 templates, JSON and JS string
 * literals), SQL and JSON string literals in text, escaped text runs, CDATA sections and comment
 * bodies. Each is decoded once and read by every rule again; what is found maps back through the
 * copy's offsets.
 */

/** Attribute values, raw-text bodies, escaped text runs and string literals that hold an embed: decoded and read again. */
/** `joined`: the string literals of joined markup found before the scan's own embeds were read (findJoinedLiterals). */
export function* readEncoded(context: RuleContext, joined: readonly JoinedLiteral[] = []): Generator<void, FoundEmbed[]> {
  const { doc, now, work, limit } = context;
  const el = doc.elements;
  const found: FoundEmbed[] = [];
  let literalFloor = 0;
  // A copy inside a Markdown fence is a sample of the markup, as an element there is (rules/markup.ts).
  let fences: Fences | null = doc.format === 'markdown' ? null : NO_FENCES;
  for (let r = 0; r < doc.regions.length; r += 1) {
    const region = doc.regions[r]!;
    work.step();
    if (work.due()) yield;
    if (found.length > limit) break;
    if (fences === null) fences = yield* fencedBlocks(doc.source, work);
    if (fences.covers(region.start)) continue;
    const container = region.element >= 0 ? { start: el.start[region.element] ?? 0, end: el.end[region.element] ?? 0 } : null;
    if (region.kind === 'attribute' && container && region.value) {
      let value = region.value;
      yield* examined(work, value.length);
      if (!value.includes('<') && value.includes('&lt;')) value = (yield* decodeEntitiesInSteps(value, 0, value.length, work)).text;
      const inner = yield* context.readCopy(value);
      found.push(...inner.map((e) => ({ ...e, start: container.start, end: container.end, encodings: [] })));
    } else if (region.kind === 'raw' && container) {
      const body = doc.source.slice(region.start, region.end);
      yield* examined(work, body.length);
      if (!/instagr/i.test(body) && !/^[A-Za-z0-9+/=\s]{24,}$/.test(body)) continue;
      yield* examined(work, body.length);
      const base64 = decodeBase64Copy(body.trim());
      if (base64) {
        yield* examined(work, base64.text.length);
        if (!/instagr/i.test(base64.text)) continue;
        const inner = yield* context.readCopy(base64.text);
        found.push(...inner.map((e) => ({ ...e, start: container.start, end: container.end, encodings: [] })));
        continue;
      }
      // Markup kept in a script: in JSON/JS string literals (`\"`, `\u003c`), each decoded once…
      const tag =
        /\\u003c(?:blockquote|amp-instagram|iframe)|\\x3c(?:blockquote|iframe)|<(?:blockquote|amp-instagram|iframe)\b[^>]{0,300}?=\\["']/gi;
      let from = 0;
      let literals = 0;
      for (let m = tag.exec(body); m; m = tag.exec(body)) {
        work.step();
        if (m.index < from) continue;
        literals += 1;
        const at = region.start + m.index;
        const copy = decodeBackslashCopy(doc.source, at);
        const inner = yield* context.readCopy(copy.text);
        found.push(...mapBack(inner, copy, at, at + copy.text.length));
        from = Math.max(m.index + 1, (copy.offsets?.[copy.text.length] ?? at) - region.start);
        tag.lastIndex = Math.max(tag.lastIndex, from);
      }
      // …or raw (a template literal): the body is read once as HTML.
      yield* examined(work, body.length);
      if (literals === 0 && EMBED_MARKUP.test(body)) found.push(...(yield* readAsMarkup(context, region.start, region.end)));
    } else if (region.kind === 'literal') {
      if (region.start < literalFloor) continue;
      const copy = decodeBackslashCopy(doc.source, region.start, true);
      const inner = yield* context.readCopy(copy.text);
      const mapped = mapBack(inner, copy, region.start, region.start + copy.text.length);
      found.push(...mapped);
      literalFloor = (copy.offsets?.[copy.text.length] ?? region.start) as number;
      // The literal's bytes are read: nothing else may be found inside them, beside what was.
      let gapStart = region.start;
      for (const embed of [...mapped, { start: literalFloor, end: literalFloor }]) {
        if (embed.start > gapStart) found.push({ ...toFoundEmbed('text', gapStart, embed.start, emptyReading(), now), found: IGNORED });
        gapStart = Math.max(gapStart, embed.end);
      }
    } else if (region.kind === 'cdata') {
      // A CDATA section's text is markup as it stands: read once as HTML where it names Instagram.
      const body = doc.source.slice(region.start, region.end);
      yield* examined(work, body.length);
      if (!/instagr/i.test(body)) continue;
      found.push(...(yield* readAsMarkup(context, region.start, region.end)));
    } else if (region.kind === 'comment') {
      // Markup a page took out by commenting it is still the embed it published: a vote page's
      // "How to vote" block kept a whole captioned v12 embed inside `<!-- … -->`
      // (web/bgunsri-vote-id.php), a Svelte page a v14 German one (web/klimakrise-svelte-de.svelte;
      // 2026-12). Read once as HTML where it names Instagram and holds embed markup; a comment that
      // only names a post (`<!-- wp:embed {"url":…} -->`) is not.
      const body = doc.source.slice(region.start, region.end);
      yield* examined(work, body.length);
      if (!commentedEmbed(body)) continue;
      // Commented-out embeds one after another are read as one copy, not one whole read each.
      const run = [region];
      for (let next = doc.regions[r + 1]; next?.kind === 'comment'; next = doc.regions[r + 1]) {
        work.step();
        if (!nextComment(doc.source, run[run.length - 1]!.end, next.start)) break;
        const nextBody = doc.source.slice(next.start, next.end);
        yield* examined(work, nextBody.length);
        if (!commentedEmbed(nextBody)) break;
        run.push(next);
        r += 1;
      }
      found.push(...(yield* readCommentRun(context, run)));
    } else if (region.kind === 'text') {
      const runText = doc.source.slice(region.start, region.end);
      yield* examined(work, runText.length);
      if (ESCAPED_LT.test(runText)) {
        found.push(...(yield* readEscapedLiterals(context, region.start, region.end, runText, fences)));
        continue;
      }
      const copy = yield* decodeEntitiesInSteps(doc.source, region.start, region.end, work);
      yield* examined(work, copy.text.length);
      if (!/instagr/i.test(copy.text)) continue;
      yield* examined(work, copy.text.length);
      if (!EMBED_MARKUP.test(copy.text) && !POST_LINK_MARKUP.test(copy.text)) continue;
      const inner = yield* context.readCopy(copy.text);
      found.push(...mapBack(inner, copy, region.start, region.end));
    }
  }
  if (doc.format !== 'html' && found.length <= limit) found.push(...(yield* readTemplateLiterals(context)));
  if (found.length <= limit) found.push(...(yield* readLiteralsAsOne(context, joined)));
  if (doc.format !== 'html' && found.length <= limit) found.push(...(yield* readSwallowedTags(context, found)));
  if (doc.format !== 'html' && found.length <= limit) found.push(...(yield* readEscapedLeftovers(context, found)));
  return found;
}

/** How far back from "Instagram" a string literal's opening quote is looked for, on the same line. */
const LITERAL_LOOKBACK = 2000;

/**
 * Source code keeps a dead embed's text in string literals whose letters are escaped (Python and
 * JS `\xe9`, `\u1ebf`: "Voir cette publication sur Instagram Une publication partag\xe9e par
 * NAME (@handle)"; web/social-residue-vectors.py, 2026-12): the header and byline phrases match
 * only once decoded. Each literal around the word "Instagram" that holds such an escape is
 * decoded once and read again; literals without one were read as they stand. Escaped line breaks
 * count too: a SQL dump's `\r\n` hides the line a dead byline stands alone on ("seguidores.\r\n
 * \r\nUna publicación compartida de NAME (@handle) el DATE:\r\n…"; web/fraynelson-es.sql, 2026-12).
 */
const LEFTOVER_ESCAPE = /\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[nr])/;

function* readEscapedLeftovers(context: RuleContext, before: readonly FoundEmbed[]): Generator<void, FoundEmbed[]> {
  const { doc, work } = context;
  const { source } = doc;
  const found: FoundEmbed[] = [];
  if (!LEFTOVER_ESCAPE.test(source)) return found;
  // A literal another copy already read (an oEmbed answer's escaped `html`) is not read twice:
  // its embed would be found again over the same bytes (web/hugo-shortcode-test.go, 2026-12).
  const read = coverage(withoutOverlaps(before));
  const word = work.regex('instagram-word-escaped', 'Instagram', 'g');
  const fences = doc.format === 'markdown' ? yield* fencedBlocks(source, work) : NO_FENCES;
  let floor = 0;
  for (let m = word.exec(source); m; m = word.exec(source)) {
    work.step();
    if (work.due()) yield;
    if (m.index < floor || fences.covers(m.index)) continue;
    const open = literalOpening(source, m.index, floor);
    if (open < 0) continue;
    const copy = decodeBackslashCopy(source, open + 1);
    const end = copy.offsets?.[copy.text.length] ?? open + 1;
    floor = Math.max(end, m.index + 1);
    word.lastIndex = floor;
    yield* examined(work, end - open);
    const literal = source.slice(open + 1, end);
    if (read(open + 1) || !LEFTOVER_ESCAPE.test(literal) || !copy.text.includes('@')) continue;
    // Prose with escaped line breaks and no markup is read as text, so that its lines count.
    const prose = /\\[nr]/.test(literal) && !copy.text.includes('<');
    const inner = yield* prose ? context.readTextCopy(copy.text) : context.readCopy(copy.text);
    found.push(...mapBack(inner, copy, open + 1, end));
  }
  return found;
}

/** The unescaped quote that opens the string literal holding `at`, on its line and after `floor`; -1 if none. */
function literalOpening(source: string, at: number, floor: number): number {
  for (let i = at - 1; i >= floor && at - i <= LITERAL_LOOKBACK; i -= 1) {
    const c = source[i];
    if (c === '\n') return -1;
    if (c !== "'" && c !== '"') continue;
    if (source[i - 1] === '\\') continue;
    // An apostrophe between letters is part of the text (JSON and Python keep it raw in "…" strings).
    if (c === "'" && /\p{L}/u.test(source[i - 1] ?? '') && /\p{L}/u.test(source[i + 1] ?? '')) continue;
    return i;
  }
  return -1;
}

const EMBED_MARKUP = /<(?:blockquote|amp-instagram|iframe)\b/i;
/**
 * A link to a post in escaped markup: a feed's `<description>` or a CMS column keeps the article's
 * HTML escaped (`&lt;p&gt;&lt;a href=&quot;…/p/CODE/&quot;&gt;`), and an auto-embed's post link
 * alone in its paragraph is found only once the copy is read as markup.
 */
const POST_LINK_MARKUP = /<a\s[^>]{0,300}?href=["']?(?:https?:)?\/\/(?:www\.)?instagr(?:am\.com|\.am)\/(?:[\w.-]+\/)?(?:p|reel|tv)\//i;

/** Where a JS template literal holding embed markup opens. */
const TEMPLATE_LITERAL = '`(?=<(?:blockquote|amp-instagram|iframe)\\b)';

/**
 * JSX and JS sources keep embed markup in template literals where no tag can start: inside an
 * attribute expression (`dangerouslySetInnerHTML={{__html: `<blockquote …`}}`). Each literal whose
 * markup the scan did not see as an element is read again as HTML; one in a Markdown fence is a sample.
 */
function* readTemplateLiterals(context: RuleContext): Generator<void, FoundEmbed[]> {
  const { doc, work } = context;
  const { source } = doc;
  const found: FoundEmbed[] = [];
  if (!source.includes('`<')) return found;
  const fences = doc.format === 'markdown' ? yield* fencedBlocks(source, work) : NO_FENCES;
  const opening = work.regex('template-literal', TEMPLATE_LITERAL, 'g');
  for (let m = opening.exec(source); m; m = opening.exec(source)) {
    work.step();
    if (work.due()) yield;
    const start = m.index + 1;
    const end = source.indexOf('`', start);
    if (end < 0) break;
    opening.lastIndex = end + 1;
    if (fences.covers(start) || elementStartingAt(doc, start) >= 0) continue;
    const body = source.slice(start, end);
    yield* examined(work, body.length);
    if (!/instagr/i.test(body)) continue;
    found.push(...(yield* readAsMarkup(context, start, end)));
  }
  return found;
}

/** Where embed markup may start: its tag names, as the scan would see them. */
const EMBED_TAG_START = '<(?:blockquote|amp-instagram|iframe)\\b';

/**
 * Source code holds `<` where no tag opens (`html.split("<blockquote")`, a comparison): the scan
 * takes it for a start tag that runs on to the next `>`, over the lines after it, and an embed's
 * own start tag there is read as that tag's attributes (web/blockquete-webview-tr.kt, 2026-12). The
 * last embed start inside such a tag is the one the `>` closes: it is read again as HTML, from
 * there to the `>`, or for a blockquote to its end tag. One copy per tag, so the reading stays linear.
 */
function* readSwallowedTags(context: RuleContext, before: readonly FoundEmbed[]): Generator<void, FoundEmbed[]> {
  const { doc, work } = context;
  const { source } = doc;
  const el = doc.elements;
  const found: FoundEmbed[] = [];
  // Markup another copy already read (a template literal's) is not read twice.
  const read = coverage(withoutOverlaps(before));
  const fences = doc.format === 'markdown' ? yield* fencedBlocks(source, work) : NO_FENCES;
  const opening = work.regex('swallowed-tag', EMBED_TAG_START, 'gi');
  let pending: { at: number; tagEnd: number } | null = null;
  // Each copy ends before the next begins: what one read is not read again.
  let floor = 0;
  let closers: number[] | null = null;
  const flush = function* (): Generator<void, void> {
    if (!pending) return;
    const { at, tagEnd } = pending;
    pending = null;
    let end = tagEnd;
    if (source.startsWith('<blockquote', at)) {
      closers ??= yield* allIndexesOf(source, '</blockquote', work);
      const closer = closers[firstAtOrAfter(closers, tagEnd)] ?? -1;
      if (closer >= 0 && closer - tagEnd <= MAX_SWALLOWED_BODY) {
        const gt = source.indexOf('>', closer);
        end = gt >= 0 && gt - closer < 64 ? gt + 1 : closer + '</blockquote'.length;
      }
    }
    floor = end;
    yield* examined(work, end - at);
    if (/instagr/i.test(source.slice(at, end))) found.push(...(yield* readAsMarkup(context, at, end)));
  };
  for (let m = opening.exec(source); m; m = opening.exec(source)) {
    work.step();
    if (work.due()) yield;
    const at = m.index;
    if (at < floor || fences.covers(at) || read(at) || elementStartingAt(doc, at) >= 0) continue;
    // The element whose start tag holds `at` is the last one starting before it.
    const i = firstAtOrAfter(el.start, at) - 1;
    const tagEnd = el.tagEnd[i] ?? -1;
    if (i < 0 || tagEnd <= at) continue;
    if (pending && pending.tagEnd !== tagEnd) yield* flush();
    if (at < floor) continue;
    pending = { at, tagEnd };
  }
  yield* flush();
  return found;
}

/** Every index of `needle` in `source`, ascending: one pass. */
function* allIndexesOf(source: string, needle: string, work: Work): Generator<void, number[]> {
  const at: number[] = [];
  for (let i = source.indexOf(needle); i >= 0; i = source.indexOf(needle, i + needle.length)) {
    at.push(i);
    work.step();
    if (work.due()) yield;
  }
  yield* examined(work, source.length);
  return at;
}

/** How far past a swallowed blockquote's start tag its end tag is looked for. */
const MAX_SWALLOWED_BODY = 20_000;

/** The source's markup between `start` and `end`, kept as it stands (no decoding), read as HTML and mapped back. */
/** A comment's body that names Instagram and holds embed markup (a commented-out embed). */
function commentedEmbed(body: string): boolean {
  return /instagr/i.test(body) && EMBED_MARKUP.test(body);
}

/** Longest stretch between two comments' bodies still read as one run: "-->", a line break, "<!--". */
const COMMENT_GAP = 40;

/** Only the one comment's close, white space and the next one's open between two bodies. */
function nextComment(source: string, from: number, to: number): boolean {
  return to >= from && to - from <= COMMENT_GAP && /^--!?>\s*<!--$/.test(source.slice(from, to));
}

/**
 * The bodies of consecutive comments read as one HTML copy, each body's characters mapped to its
 * place in the source and a line break between bodies mapped to the end of the body before it.
 * The embeds come back in source order, as every read gives them.
 */
function* readCommentRun(context: RuleContext, run: readonly EncodedRegion[]): Generator<void, FoundEmbed[]> {
  const { source } = context.doc;
  const first = run[0]!;
  if (run.length === 1) return yield* readAsMarkup(context, first.start, first.end);
  const pieces = run.map(({ start, end }) => ({ text: source.slice(start, end), offsets: null, start, end }));
  return (yield* readPiecesAsOne(context, pieces)).map(({ embed }) => embed);
}

/** An escaped `<` in a JSON or JS string literal: `\u003c` (either case) or `\x3c`. */
const ESCAPED_LT = /\\u003c|\\x3c/i;

/**
 * Every escaped string literal in a text run, each decoded once from its first escaped `<` to its
 * closing quote and read: one JSON answer may follow another in the same run, a tweet's oEmbed
 * (`\u003Cblockquote class=\"twitter-tweet\"`) before the post's (web/hooms-mock-api.js, 2026-12),
 * so reading only the first literal would miss the post.
 */
function* readEscapedLiterals(
  context: RuleContext,
  start: number,
  end: number,
  runText: string,
  fences: Fences,
): Generator<void, FoundEmbed[]> {
  const { doc, work } = context;
  const found: FoundEmbed[] = [];
  const lt = new RegExp(ESCAPED_LT.source, 'gi');
  for (let m = lt.exec(runText); m; m = lt.exec(runText)) {
    work.step();
    const at = start + m.index;
    if (fences.covers(at)) continue;
    const copy = decodeBackslashCopy(doc.source, at);
    const copyEnd = copy.offsets?.[copy.text.length] ?? at + copy.text.length;
    yield* examined(work, copy.text.length);
    if (/instagr/i.test(copy.text) && /<(?:blockquote|amp-instagram|iframe)\b/i.test(copy.text)) {
      const inner = yield* context.readCopy(copy.text);
      found.push(...mapBack(inner, copy, at, Math.min(end, copyEnd)));
    }
    lt.lastIndex = Math.max(lt.lastIndex, copyEnd - start);
  }
  return found;
}
