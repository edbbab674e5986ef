/** A caption cut into plain text and the parts that become links. */
export type CaptionToken =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'url' | 'tag' | 'mention'; readonly text: string; readonly href: string };

/** Longer captions are folded (five lines shown, "more" opens the rest, no script). */
export const FOLD_CHARS = 300;
export const FOLD_LINES = 5;

/**
 * Only `http(s)://` starts a link: `javascript:`, `data:` and the like stay text. Hashtags take
 * letters, marks, digits and `_` in any script (Instagram links `#café`, `#東京`); a mention is
 * Instagram's handle alphabet, not preceded by a word character (so e-mail addresses stay text).
 */
const TOKEN =
  /(?<url>\bhttps?:\/\/[^\s<>"'`]+)|(?<![\p{L}\p{M}\p{N}_&])#(?<tag>[\p{L}\p{M}\p{N}_]+)|(?<![\p{L}\p{M}\p{N}_.@])@(?<handle>[A-Za-z0-9._]{1,30})(?![A-Za-z0-9_])/giu;
/** Punctuation that ends a sentence rather than a URL; `)` only when unbalanced. */
const URL_TRAILER = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '»', '…', ']', '}', '>']);

export function tokenizeCaption(caption: string): CaptionToken[] {
  const tokens: CaptionToken[] = [];
  let last = 0;
  const pushText = (text: string) => {
    if (text.length === 0) return;
    const prev = tokens[tokens.length - 1];
    if (prev?.type === 'text') tokens[tokens.length - 1] = { type: 'text', text: prev.text + text };
    else tokens.push({ type: 'text', text });
  };
  for (const match of caption.matchAll(TOKEN)) {
    const start = match.index;
    const groups = match.groups ?? {};
    let text = match[0];
    let link: CaptionToken | null = null;
    if (groups.url !== undefined) {
      text = trimUrl(text);
      const href = toHttpHref(text);
      if (href) link = { type: 'url', text, href };
    } else if (groups.tag !== undefined) {
      link = { type: 'tag', text, href: `https://www.instagram.com/explore/tags/${encodeURIComponent(groups.tag)}/` };
    } else if (groups.handle !== undefined) {
      const handle = groups.handle.replace(/\.+$/, '');
      text = `@${handle}`;
      if (handle.length > 0) link = { type: 'mention', text, href: profileUrl(handle) };
    }
    if (!link) continue;
    pushText(caption.slice(last, start));
    tokens.push(link);
    last = start + text.length;
  }
  pushText(caption.slice(last));
  return tokens;
}

function trimUrl(url: string): string {
  let out = url;
  for (;;) {
    const tail = out.at(-1) ?? '';
    // A closing parenthesis stays when it closes one opened inside the URL (Wikipedia links).
    const unbalanced = tail === ')' && count(out, '(') < count(out, ')');
    if (!URL_TRAILER.has(tail) && !unbalanced) return out;
    out = out.slice(0, -1);
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** The normalised href for an http(s) URL with a host, else null. */
export function toHttpHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
    return url.href;
  } catch {
    // Not a URL: the text stays text, without a link.
    return null;
  }
}

export function profileUrl(handle: string): string {
  return `https://www.instagram.com/${encodeURIComponent(handle)}/`;
}

/** Number of code points, so emoji and astral letters count once. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

export function isFolded(caption: string): boolean {
  return codePointLength(caption) > FOLD_CHARS;
}

/** The caption's first non-empty line, at most `max` code points (an ellipsis marks a cut). */
export function firstLine(caption: string, max = 100): string | null {
  const line = caption
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return null;
  const points = [...line];
  return points.length <= max
    ? line
    : `${points
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
