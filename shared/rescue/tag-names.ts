/**
 * What a tag name is (void, block, closes `<p>`, hidden text, raw container, RCDATA or raw text),
 * worked out once per name as bits, and the names met lately kept lower-cased so that a tag's
 * name is compared in place rather than cut out of the source per tag
 * (docs/adr/0011-rescue-reads-tokens-once.md).
 */

export const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'param',
  'keygen',
]);
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
  'dl',
  'form',
]);
/** Opening one of these closes an open `<p>` (HTML's rule, the part that matters for embeds). */
const CLOSES_P = new Set([
  'p',
  'div',
  'blockquote',
  'figure',
  'ul',
  'ol',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'pre',
  'hr',
  'dl',
  'form',
  'main',
  'nav',
  'center',
]);
/** Never readable article text; `<pre>`/`<code>` hold embed snippets shown as code, which are not embeds. */
const HIDDEN_TEXT = new Set(['script', 'style', 'svg', 'textarea', 'pre', 'code', 'xmp', 'title', 'iframe', 'noembed', 'noframes', 'head']);
/** Raw-text elements whose content may hold an encoded embed (consent managers, templates). */
const RAW_CONTAINERS = new Set(['script', 'template', 'textarea', 'xmp', 'noscript', 'noembed']);

/** What a tag name is, as bits, worked out once per name rather than by set look-ups per tag. */
export const IS_VOID = 1;
export const IS_BLOCK = 2;
export const IS_CLOSES_P = 4;
export const IS_HIDDEN = 8;
export const IS_RAW = 16;
export const IS_P = 32;
export const IS_TIME = 64;
export const IS_A = 128;
/** htmlparser2's Tokenizer reads the content as text up to the element's own end tag, references decoded (RCDATA) or not. */
export const IS_RCDATA = 256;
export const IS_RAW_TEXT = 512;
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

function flagsOf(name: string): number {
  return (
    (VOID.has(name) ? IS_VOID : 0) |
    (BLOCK.has(name) ? IS_BLOCK : 0) |
    (CLOSES_P.has(name) ? IS_CLOSES_P : 0) |
    (HIDDEN_TEXT.has(name) ? IS_HIDDEN : 0) |
    (RAW_CONTAINERS.has(name) ? IS_RAW : 0) |
    (name === 'p' ? IS_P : 0) |
    (name === 'time' ? IS_TIME : 0) |
    (name === 'a' ? IS_A : 0) |
    (name === 'title' || name === 'textarea' ? IS_RCDATA : 0) |
    (RAW_TEXT.has(name) ? IS_RAW_TEXT : 0)
  );
}

/** Tag and attribute names recently seen, kept lower-cased and compared in place (an article uses a dozen or two). */
const RECENT_NAMES = 16;

/** `source[start, end)` lower-cased equals `name` (ASCII compared in place; anything else by toLowerCase). */
export function sameName(source: string, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) {
    for (let i = start; i < end; i += 1) if (source.charCodeAt(i) > 127) return source.slice(start, end).toLowerCase() === name;
    return false;
  }
  for (let i = start; i < end; i += 1) {
    let c = source.charCodeAt(i);
    if (c > 127) return source.slice(start, end).toLowerCase() === name;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== name.charCodeAt(i - start)) return false;
  }
  return true;
}

export class NameCache {
  private readonly names: string[] = [];
  private readonly flagsOfNames: number[] = [];
  private next = 0;
  /** The IS_… flags of the name the last call returned. */
  flags = 0;

  /** `source[start, end)` lower-cased: a name met lately, or a new string. */
  at(source: string, start: number, end: number): string {
    const names = this.names;
    const length = end - start;
    for (let k = 0; k < names.length; k += 1) {
      const name = names[k] as string;
      if (name.length === length && sameName(source, start, end, name)) {
        this.flags = this.flagsOfNames[k] as number;
        return name;
      }
    }
    const lower = source.slice(start, end).toLowerCase();
    this.flags = flagsOf(lower);
    if (lower.length !== length) return lower;
    if (names.length < RECENT_NAMES) {
      names.push(lower);
      this.flagsOfNames.push(this.flags);
    } else {
      names[this.next] = lower;
      this.flagsOfNames[this.next] = this.flags;
      this.next = (this.next + 1) % RECENT_NAMES;
    }
    return lower;
  }
}
