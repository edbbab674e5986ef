import { decodeEntities, readStartTag } from './html-tags.js';

/**
 * The readable text of a slice of an article, with a map back to the article. Block elements and
 * `<br>` become '\n'; in Markdown and plain text a line break is a break too. Records the
 * `<time datetime>` elements and links met on the way, because bylines keep their date in a
 * `<time>` and their permalink in an `<a>` / Markdown link (text/01.txt, 2026-11).
 */
export interface Projection {
  readonly text: string;
  readonly times: ReadonlyArray<{ start: number; end: number; datetime: string | null }>;
  readonly links: ReadonlyArray<{ start: number; end: number; href: string }>;
  /** Text index → article index, for the start of a character. */
  toSourceStart(textIndex: number): number;
  /** Text index (exclusive end) → article index (exclusive end). */
  toSourceEnd(textIndex: number): number;
}

export interface ProjectOptions {
  readonly markdown: boolean;
  /** Plain text and Markdown: '\n' separates lines; HTML: it is only white space. */
  readonly lineBreaks: boolean;
}

interface Piece {
  t: number; // text start
  len: number; // text length
  s: number; // source start
  e: number; // source end
}

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'blockquote',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figure',
  'figcaption',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'tr',
  'td',
  'th',
  'table',
  'hr',
  'pre',
  'center',
  'main',
  'nav',
  'dd',
  'dt',
]);
/** Never visible as article text; <pre>/<code> hold embed snippets shown as code, which are not embeds. */
const SKIP_CONTENT = new Set(['script', 'style', 'svg', 'template', 'noscript', 'iframe', 'textarea', 'pre', 'code']);
/** Tags, comments, and doctype-like declarations; anything else starting with '<' is text. */
const MARKUP = /<!--[\s\S]*?(?:-->|$)|<\/?[a-zA-Z][a-zA-Z0-9:-]*(?:[^>"']|"[^"]*"|'[^']*')*>|<![^>]*>/g;
const MARKDOWN_INLINE = /\\([!-/:-@[-`{-~])|\[([^\]\n]*)\]\(\s*<?([^()\s<>]+)>?(?:\s+"[^"\n]*")?\s*\)|^[ \t]*(?:>[ \t]?)+/gm;

export function projectSlice(source: string, from: number, to: number, options: ProjectOptions): Projection {
  const pieces: Piece[] = [];
  const times: Array<{ start: number; end: number; datetime: string | null }> = [];
  const links: Array<{ start: number; end: number; href: string }> = [];
  const openTimes: Array<{ start: number; datetime: string | null }> = [];
  const openLinks: Array<{ start: number; href: string }> = [];
  let text = '';

  const emit = (value: string, s: number, e: number): void => {
    if (value.length === 0) return;
    pieces.push({ t: text.length, len: value.length, s, e });
    text += value;
  };
  const emitRaw = (s: number, e: number): void => {
    if (e <= s) return;
    let raw = source.slice(s, e);
    if (options.markdown) {
      emitMarkdown(raw, s);
      return;
    }
    if (!options.lineBreaks) raw = raw.replace(/[\r\n]/g, ' ');
    emitDecoded(raw, s);
  };
  const emitDecoded = (raw: string, s: number): void => {
    if (!raw.includes('&')) {
      emit(raw, s, s + raw.length);
      return;
    }
    // Entities change the length: map each entity as one piece so offsets stay close.
    const entity = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?/g;
    let last = 0;
    for (let m = entity.exec(raw); m; m = entity.exec(raw)) {
      emit(raw.slice(last, m.index), s + last, s + m.index);
      emit(decodeEntities(m[0]), s + m.index, s + m.index + m[0].length);
      last = m.index + m[0].length;
    }
    emit(raw.slice(last), s + last, s + raw.length);
  };
  const emitMarkdown = (raw: string, s: number): void => {
    MARKDOWN_INLINE.lastIndex = 0;
    let last = 0;
    for (let m = MARKDOWN_INLINE.exec(raw); m; m = MARKDOWN_INLINE.exec(raw)) {
      if (m[0].length === 0) {
        MARKDOWN_INLINE.lastIndex += 1;
        continue;
      }
      emitDecoded(raw.slice(last, m.index), s + last);
      if (m[1] !== undefined) {
        emit(m[1], s + m.index, s + m.index + m[0].length);
      } else if (m[2] !== undefined) {
        const start = text.length;
        // Converters escape Markdown punctuation inside link text too ("@jhon\_p16").
        const label = m[2].replace(/\\([!-/:-@[-`{-~])/g, '$1');
        if (label === m[2]) emitDecoded(label, s + m.index + 1);
        else emit(decodeEntities(label), s + m.index + 1, s + m.index + 1 + m[2].length);
        links.push({ start, end: text.length, href: decodeEntities(m[3] ?? '') });
      }
      // A quote prefix ("> ") is dropped.
      last = m.index + m[0].length;
    }
    emitDecoded(raw.slice(last), s + last);
  };

  MARKUP.lastIndex = from;
  let cursor = from;
  while (cursor < to) {
    const m = MARKUP.exec(source);
    if (!m || m.index >= to) {
      emitRaw(cursor, to);
      break;
    }
    emitRaw(cursor, m.index);
    const tagText = m[0];
    let next = m.index + tagText.length;
    if (tagText.startsWith('<!')) {
      cursor = next;
      continue;
    }
    const closing = tagText.charCodeAt(1) === 47; /* / */
    const nameMatch = /^<\/?([a-zA-Z][a-zA-Z0-9:-]*)/.exec(tagText);
    const name = (nameMatch?.[1] ?? '').toLowerCase();
    if (BLOCK.has(name)) emit('\n', m.index, m.index);
    if (!closing && SKIP_CONTENT.has(name) && !tagText.endsWith('/>')) {
      const close = new RegExp(`</${name}\\s*>`, 'gi');
      close.lastIndex = next;
      const end = close.exec(source);
      next = end && end.index < to ? end.index + end[0].length : to;
      MARKUP.lastIndex = next;
    } else if (name === 'time') {
      if (closing) {
        const open = openTimes.pop();
        if (open) times.push({ start: open.start, end: text.length, datetime: open.datetime });
      } else {
        const tag = readStartTag(source, m.index);
        openTimes.push({ start: text.length, datetime: tag?.attrs.get('datetime') ?? null });
      }
    } else if (name === 'a') {
      if (closing) {
        const open = openLinks.pop();
        if (open) links.push({ start: open.start, end: text.length, href: open.href });
      } else {
        const tag = readStartTag(source, m.index);
        openLinks.push({ start: text.length, href: tag?.attrs.get('href') ?? '' });
      }
    }
    cursor = next;
  }
  for (const open of openTimes) times.push({ start: open.start, end: text.length, datetime: open.datetime });
  times.sort((a, b) => a.start - b.start);
  links.sort((a, b) => a.start - b.start);

  const locate = (textIndex: number): Piece | undefined => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((pieces[mid]?.t ?? 0) <= textIndex) lo = mid;
      else hi = mid - 1;
    }
    return pieces[lo];
  };
  return {
    text,
    times,
    links,
    toSourceStart(textIndex) {
      const piece = locate(textIndex);
      if (!piece) return from;
      if (textIndex >= piece.t + piece.len) return piece.e;
      return piece.len === piece.e - piece.s ? piece.s + (textIndex - piece.t) : piece.s;
    },
    toSourceEnd(textIndex) {
      const piece = locate(Math.max(0, textIndex - 1));
      if (!piece) return from;
      if (textIndex <= piece.t) return piece.s;
      return piece.len === piece.e - piece.s ? piece.s + (textIndex - piece.t) : piece.e;
    },
  };
}
