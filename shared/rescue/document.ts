import { type Attribute, type ElementTable, ElementTableBuilder } from './element-table.js';
import { emitMarkdown, type MarkdownReference } from './markdown-text.js';
import { type BuiltProjection, ProjectionBuilder } from './projection.js';
import { ReferenceParts } from './reference-parts.js';
import {
  IS_A,
  IS_BLOCK,
  IS_CLOSES_P,
  IS_HIDDEN,
  IS_P,
  IS_RAW,
  IS_RAW_TEXT,
  IS_RCDATA,
  IS_TIME,
  IS_VOID,
  NameCache,
  sameName,
  VOID,
} from './tag-names.js';
import { QuoteType, ScanTokenizer } from './tokenizer.js';
import type { ArticleFormat } from './types.js';
import type { Work } from './work.js';
import { withoutWrittenQuotes } from './written-quotes.js';

/**
 * One pass over an article with htmlparser2's Tokenizer (shared/rescue/tokenizer.ts), which
 * reports source offsets: the readable text (with its map back to the source), a table of
 * elements (ranges, text ranges, parents), and the places where an embed may hide in an encoded
 * copy; what a tag name is comes from shared/rescue/tag-names.ts. htmlparser2's Parser is
 * not used: its open-element stack costs O(depth) per tag (`unshift`, `indexOf`), which makes
 * deeply nested or unbalanced input quadratic. Here closing tags look at most CLOSE_SEARCH frames
 * down the stack, so every token costs O(1).
 */

const CLOSE_SEARCH = 16;
const MAX_ATTRIBUTES = 48;
/** The tokenizer is fed this much at a time; the runner may yield between chunks. */
export const CHUNK = 32 * 1024;
const VALUE_PART = 64 * 1024;
/** Running a pattern over a string makes it flat (one buffer); this one matches at once. */
const FLATTEN = /^/;

/** No attributes: shared by every tag without any, so that such a tag makes no array. */
const NO_ATTRIBUTES: Attribute[] = [];

export type { Attribute, ElementTable };

/**
 * A region to decode and read again: an attribute value, a raw-text body, an escaped text run, a
 * string literal, a CDATA section (a feed's `<content:encoded>` or `<description>`, a WordPress
 * export's post content: markup kept as text, read as markup), or an HTML comment's text (markup
 * a page took out by commenting it, read as markup where it holds an embed).
 */
export interface EncodedRegion {
  readonly kind: 'attribute' | 'raw' | 'text' | 'literal' | 'cdata' | 'comment';
  /** The element that holds it (attributes, raw bodies), or -1. */
  readonly element: number;
  /** For 'attribute': the decoded value. */
  readonly value?: string;
  /** Source range of the encoded bytes (raw bodies, text runs, literals). */
  readonly start: number;
  readonly end: number;
}

export interface ScannedDocument {
  readonly source: string;
  readonly format: ArticleFormat;
  readonly projection: BuiltProjection;
  readonly elements: ElementTable;
  readonly regions: EncodedRegion[];
  /** `<!-- wp:… -->` comments by start and by end (Gutenberg block boundaries). */
  readonly comments: Map<number, { end: number; text: string }>;
  readonly commentsByEnd: Map<number, { start: number; text: string }>;
}

/**
 * An escaped `<` in a JSON or JS string literal, its hex digit in either case: encoders write
 * `\u003c` or `\u003C` (PHP's `JSON_HEX_TAG`; an oEmbed answer a forum keeps as a test fixture
 * has only `\u003C`, web/discourse-onebox-natgeo.response, 2026-12), `\x3c` or `\x3C`.
 */
const ESCAPED_LT = /\\(?:u003|x3)[cC]/;

/** Reads `source` once; `work` counts tokens. A generator: it yields between chunks so that a caller can let the event loop run. */
export function* scanDocument(original: string, format: ArticleFormat, work: Work): Generator<void, ScannedDocument> {
  // Outside HTML, `<?php` opens source code, not a processing instruction that would swallow
  // everything up to the next `>` (docblock embeds, 2026-12), and a `<` right after a `<` opens no
  // tag: a heredoc's `<<<EOT` would swallow the embed's start tag (web/shortcake-reversal.php,
  // 2026-12). Same length, so offsets hold.
  const source =
    format === 'html' || (!original.includes('<?') && !original.includes('<<'))
      ? original
      : original.replace(/<\?|(?<=<)</g, (m) => ' '.repeat(m.length));
  const builder = new ProjectionBuilder(source.length);
  const el = new ElementTableBuilder(source.length);
  const regions: EncodedRegion[] = [];
  const comments = new Map<number, { end: number; text: string }>();
  const commentsByEnd = new Map<number, { start: number; text: string }>();
  // The open elements, as parallel arrays of numbers rather than an object per element: a 5 MB
  // article of unclosed tags made a million objects for the garbage collector to copy (2026-12).
  // `markStarts` is the text index where the element began (read for `<time>` and `<a>`).
  const stack: number[] = [];
  const markStarts: number[] = [];
  const hiddens: number[] = [];
  // The flags of each open element (IS_…), and of the innermost one.
  const stackFlags: number[] = [];
  let topFlags = 0;
  // One string per name, not one per tag (the same reason): the source is compared in place
  // with the names met lately, and only a new name is cut out and lower-cased.
  const tagNames = new NameCache();
  const attributeNames = new NameCache();
  const markdown = format === 'markdown';
  const lineBreaks = format !== 'html';
  // Escaped markup standing as text needs "\u003c" or "\x3c" somewhere: when the article has
  // neither, no text token is searched for them.
  const mayEscape = ESCAPED_LT.test(source);
  let hiddenDepth = 0;

  // The tag being read.
  let tagName = '';
  let tagStart = 0;
  // Its attributes are gathered in one array reused by every tag, and copied at the tag's end to
  // an array of their number: an array grown by pushing reserves room for more than a tag holds.
  const tagAttrs: Attribute[] = [];
  let tagAttrCount = 0;
  let tagFlags = 0;
  let attrName = '';
  let attrValue = '';
  // A long value (a consent attribute made of entities) is kept in flat parts of VALUE_PART
  // characters, so that reading it at its end never flattens a chain of a million pieces.
  let attrParts: string[] | null = null;
  const growValue = (piece: string): void => {
    attrValue += piece;
    if (attrValue.length >= VALUE_PART) {
      FLATTEN.test(attrValue);
      attrParts ??= [];
      attrParts.push(attrValue);
      attrValue = '';
    }
  };
  let attrStart = -1;
  let pseudo = false;
  // The text run being read (for escaped markup standing as text: `&lt;blockquote`).
  let runStart = -1;
  let runEnd = -1;
  let runHasLt = false;

  // The innermost open element, kept beside the stack (read for every token).
  let topIndex = -1;
  const top = (): number => topIndex;
  const emit = (value: string, s: number, e: number): void => {
    if (hiddenDepth > 0) return;
    builder.emit(value, s, e, top());
  };
  const emitBreak = (at: number): void => {
    if (hiddenDepth > 0 || builder.endsWithBreak()) return;
    builder.emit('\n', at, at, top());
  };
  const flushRun = (): void => {
    if (runStart >= 0 && runHasLt) regions.push({ kind: 'text', element: top(), start: runStart, end: runEnd });
    runStart = -1;
    runHasLt = false;
  };

  const closeTop = (end: number, explicit: boolean): void => {
    const i = stack.pop();
    if (i === undefined) return;
    const markStart = markStarts.pop() ?? 0;
    const hidden = hiddens.pop() === 1;
    const flags = stackFlags.pop() ?? 0;
    topIndex = stack.length > 0 ? (stack[stack.length - 1] as number) : -1;
    topFlags = stackFlags.length > 0 ? (stackFlags[stackFlags.length - 1] as number) : 0;
    el.end[i] = end;
    el.closed[i] = explicit ? 1 : 0;
    if (flags & IS_TIME) {
      const datetime = attributeValue(el.attrs[i], 'datetime') ?? null;
      builder.times.push({ start: markStart, end: builder.length, datetime });
    } else if (flags & IS_A) {
      const href = attributeValue(el.attrs[i], 'href');
      if (href) builder.links.push({ start: markStart, end: builder.length, href, s: el.start[i] ?? 0, e: end, element: i });
    }
    if (hidden) hiddenDepth -= 1;
    if (flags & IS_BLOCK) emitBreak(end);
    el.textEnd[i] = builder.length;
  };

  const openElement = (
    name: string,
    flags: number,
    start: number,
    tagEnd: number,
    attributes: Attribute[],
    selfClosing: boolean,
  ): number => {
    if (flags & IS_CLOSES_P && topFlags & IS_P) closeTop(start, false);
    if (flags & IS_BLOCK) emitBreak(start);
    const i = el.add(name, start, tagEnd, top(), builder.length, attributes.length > 0 ? attributes : null);
    if (flags & IS_VOID || selfClosing) {
      el.closed[i] = 1;
      return i;
    }
    const hidden = (flags & IS_HIDDEN) !== 0;
    if (hidden) hiddenDepth += 1;
    stack.push(i);
    markStarts.push(builder.length);
    hiddens.push(hidden ? 1 : 0);
    stackFlags.push(flags);
    topIndex = i;
    topFlags = flags;
    return i;
  };

  const finishTag = (tagEndIndex: number, selfClosing: boolean): void => {
    work.step();
    const end = tagEndIndex + 1;
    if (pseudo) {
      // Markdown autolink `<https://…>`: text, and a link.
      const url = source.slice(tagStart + 1, tagEndIndex);
      const start = builder.length;
      emit(url, tagStart + 1, tagEndIndex);
      builder.links.push({ start, end: builder.length, href: url, s: tagStart, e: end, element: -1 });
      pseudo = false;
      return;
    }
    const name = tagName;
    if (tagFlags & IS_RAW_TEXT) parts.enter('raw');
    else if (tagFlags & IS_RCDATA) parts.enter('rcdata', `</${name}`);
    const attrs = tagAttrCount === 0 ? NO_ATTRIBUTES : tagAttrs.slice(0, tagAttrCount);
    const i = openElement(name, tagFlags, tagStart, end, attrs, selfClosing);
    for (const a of attrs) {
      if (a.escaped) {
        regions.push({ kind: 'literal', element: i, start: tagStart, end: tagStart });
        break;
      }
      if (a.value.length > 20 && (a.value.includes('<') || a.value.includes('&lt;')) && /instagr/i.test(a.value)) {
        regions.push({ kind: 'attribute', element: i, value: a.value, start: tagStart, end });
      }
    }
    if (name === 'br') emitBreak(tagStart);
  };

  const valuePart = (start: number, endIndex: number): void => {
    work.step((endIndex - start) >> 6);
    if (attrStart < 0) attrStart = start;
    growValue(source.slice(start, endIndex));
  };
  // Markdown: a reference splits a run of text into parts (`[A post shared by Nick O&#39;Leary …](url)`),
  // so the parts of one run are gathered and its Markdown read once, the references decoded in place.
  let markdownFrom = -1;
  let markdownTo = -1;
  const markdownReferences: MarkdownReference[] = [];
  const flushMarkdown = (): void => {
    if (markdownFrom < 0) return;
    emitMarkdown(source, markdownFrom, markdownTo, markdownReferences, { emit, builder, work });
    markdownFrom = -1;
    markdownReferences.length = 0;
  };
  const textToken = (start: number, endIndex: number): void => {
    work.step(1 + ((endIndex - start) >> 6));
    if (topFlags & IS_RAW && (el.tagEnd[topIndex] ?? -1) === start) {
      // The whole body of a raw-text element arrives as one text token.
      regions.push({ kind: 'raw', element: top(), start, end: endIndex });
    }
    if (runStart < 0) runStart = start;
    runEnd = endIndex;
    if (mayEscape && !runHasLt && hiddenDepth === 0) {
      const raw = source.slice(start, endIndex);
      if (ESCAPED_LT.test(raw)) runHasLt = true;
    }
    // Hidden text is never emitted (Markdown still reads its links).
    if (markdown) {
      if (markdownFrom < 0) markdownFrom = start;
      markdownTo = endIndex;
    } else if (hiddenDepth === 0) builder.emitSource(source, start, endIndex, topIndex, !lineBreaks);
  };
  const entityToken = (codepoint: number, s: number, endIndex: number): void => {
    work.step();
    if (runStart < 0) runStart = s;
    runEnd = endIndex;
    if (codepoint === 60 && hiddenDepth === 0) runHasLt = true;
    if (markdown) {
      if (markdownFrom < 0) markdownFrom = s;
      markdownTo = endIndex;
      markdownReferences.push({ codepoint, s, e: endIndex });
      return;
    }
    emit(String.fromCodePoint(codepoint), s, endIndex);
  };
  const flushParts = (): void => {
    parts.flush();
    flushMarkdown();
  };
  // The Tokenizer does not decode references: they are decoded beside it (shared/rescue/reference-parts.ts).
  const parts = new ReferenceParts(source, CHUNK, {
    text: textToken,
    textReference: entityToken,
    value: valuePart,
    valueReference: (codepoint) => growValue(String.fromCodePoint(codepoint)),
  });

  // JSX and MDX sources write `<iframe … />`: outside HTML a self-closing raw-text tag holds no raw text.
  const tokenizer = new ScanTokenizer(
    { decodeEntities: false, recognizeSelfClosing: format !== 'html' },
    {
      onattribdata(start, endIndex) {
        parts.value(start, endIndex);
      },
      onattribentity() {},
      onattribend(quote, _endIndex) {
        flushParts();
        work.step();
        if (attrParts) {
          attrParts.push(attrValue);
          attrValue = attrParts.join('');
          attrParts = null;
        }
        if (quote === QuoteType.Unquoted) attrValue = withoutWrittenQuotes(attrValue);
        const escaped = attrValue.startsWith('\\"') || attrValue.startsWith("\\'") || attrName.includes('\\');
        // At most MAX_ATTRIBUTES per tag are kept: a tag with endless attributes costs O(1) per attribute.
        if (tagAttrCount < MAX_ATTRIBUTES && !hasAttribute(tagAttrs, tagAttrCount, attrName)) {
          tagAttrs[tagAttrCount] = { name: attrName, value: attrValue, escaped };
          tagAttrCount += 1;
        }
        attrValue = '';
        attrStart = -1;
      },
      onattribname(start, endIndex) {
        flushParts();
        attrName = attributeNames.at(source, start, endIndex);
      },
      oncdata(start, endIndex, endOffset) {
        flushParts();
        emit(source.slice(start, endIndex), start, endIndex);
        regions.push({ kind: 'cdata', element: top(), start, end: endIndex - endOffset });
      },
      onclosetag(start, endIndex) {
        flushParts();
        parts.leave();
        work.step();
        flushRun();
        const gt = source.indexOf('>', endIndex);
        const end = gt < 0 ? source.length : gt + 1;
        const tagAt = start - 2;
        // Void elements are never on the stack, so the stack is searched first, comparing the
        // name in place: no string per closing tag (most tokens of an article, 2026-12).
        for (let depth = 0; depth < CLOSE_SEARCH && depth < stack.length; depth += 1) {
          const frame = stack[stack.length - 1 - depth];
          if (depth > 0) work.step();
          if (frame !== undefined && sameName(source, start, endIndex, el.name[frame] ?? '')) {
            for (let k = 0; k < depth; k += 1) closeTop(tagAt, false);
            closeTop(end, true);
            return;
          }
        }
        const name = source.slice(start, endIndex).toLowerCase();
        if (VOID.has(name)) {
          if (name === 'br') emitBreak(tagAt);
          return;
        }
        if (name === 'p') emitBreak(tagAt);
      },
      oncomment(start, endIndex, endOffset) {
        flushParts();
        work.step();
        flushRun();
        const text = source.slice(start, endIndex - endOffset);
        // A CDATA section left open (a feed cut short, a copy that ends inside one) comes as a
        // comment from its "[": its text is read as a section's would be.
        if (text.startsWith('[CDATA[')) regions.push({ kind: 'cdata', element: top(), start: start + 7, end: endIndex - endOffset });
        else if (text.includes('<')) regions.push({ kind: 'comment', element: top(), start, end: endIndex - endOffset });
        if (/^\s*\/?wp:/.test(text)) {
          comments.set(start - 4, { end: endIndex + 1, text });
          commentsByEnd.set(endIndex + 1, { start: start - 4, text });
        }
      },
      ondeclaration() {
        flushParts();
        work.step();
      },
      onend() {},
      onopentagend(endIndex) {
        flushParts();
        finishTag(endIndex, false);
      },
      onopentagname(start, endIndex) {
        flushParts();
        work.step();
        flushRun();
        tagStart = start - 1;
        tagName = tagNames.at(source, start, endIndex);
        tagFlags = tagNames.flags;
        tagAttrCount = 0;
        pseudo = tagName.includes(':') && /^(?:https?|mailto):/.test(tagName);
      },
      onprocessinginstruction() {
        flushParts();
        work.step();
      },
      onselfclosingtag(endIndex) {
        flushParts();
        finishTag(endIndex, true);
      },
      ontext(start, endIndex) {
        parts.text(start, endIndex);
      },
      ontextentity() {},
    },
  );

  let offset = 0;
  while (offset < source.length) {
    const chunk = source.slice(offset, offset + CHUNK);
    tokenizer.write(chunk);
    offset += CHUNK;
    // The chunk's length counts too, so that a chunk with few tokens (one long attribute) still
    // brings the next turn nearer.
    work.step(1 + (chunk.length >> 6));
    // A yield once a quantum of work was done, not after every chunk: a decoded copy is read as a
    // document of its own, and 20,000 doc-comment embeds made 20,000 yields (adversarial
    // "doc-comment embeds", 2026-12). The runner decides how many quanta a turn holds.
    if (work.due()) yield;
  }
  tokenizer.end();
  flushParts();
  flushRun();
  while (stack.length > 0) {
    closeTop(source.length, false);
    work.step();
    if (work.due()) yield;
  }
  return { source: original, format, projection: builder.finish(), elements: el.finish(), regions, comments, commentsByEnd };
}

function attributeValue(attrs: readonly Attribute[] | null | undefined, name: string): string | undefined {
  if (!attrs) return undefined;
  for (let k = 0; k < attrs.length; k += 1) if ((attrs[k] as Attribute).name === name) return (attrs[k] as Attribute).value;
  return undefined;
}

function hasAttribute(attrs: readonly Attribute[], count: number, name: string): boolean {
  for (let k = 0; k < count; k += 1) if ((attrs[k] as Attribute).name === name) return true;
  return false;
}
