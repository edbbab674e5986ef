/**
 * The marks a typographer puts for the straight quotes around an attribute's value. A site that
 * "smartens" the quotes of its text turns embed code pasted as text into `class=”instagram-media”`
 * and `data-instgrm-version=”13″` (WordPress's wptexturize, web/kykernel-metgala-en.txt); an
 * editor's smart quotes give `data-instgrm-permalink=“https://…”` (a zh-TW Hugo post,
 * web/emtech-linebot-zh.md); word processors and other locales write „…“, ‘…’ and «&nbsp;…&nbsp;»
 * (French) the same way (2026-12). To the Tokenizer such a value is unquoted, marks and all. A
 * value with spaces (a style) still falls apart into names, but the values the rules read (class,
 * href, permalink, version, datetime) hold no space.
 */
const TYPOGRAPHIC_QUOTES = '“”„‟″‘’‚‛′«»‹›\u00a0\u202f';

/** An unquoted value as it was before a typographer marked it: its leading and trailing marks dropped. */
export function withoutTypographicQuotes(value: string): string {
  let from = 0;
  while (from < value.length && TYPOGRAPHIC_QUOTES.includes(value.charAt(from))) from += 1;
  if (from === 0) return value;
  let to = value.length;
  while (to > from && TYPOGRAPHIC_QUOTES.includes(value.charAt(to - 1))) to -= 1;
  return value.slice(from, to);
}
