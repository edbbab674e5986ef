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

/**
 * An unquoted attribute value without the quotes its writer put around it in another form than
 * the Tokenizer reads as quotes.
 *
 * A template that escapes quotes but not angle brackets writes `class=&quot;instagram-media&quot;`
 * (web/testcomment-view-ru.py, 2026-12). An unquoted value cannot begin with a quote character
 * itself: a quote at its start came from a reference (`&quot;`, `&#34;`, `&#39;`), so the pair
 * around it is the writer's quoting, not part of the value. Otherwise a typographer's marks are
 * dropped from both ends (TYPOGRAPHIC_QUOTES).
 */
export function withoutWrittenQuotes(value: string): string {
  const first = value[0];
  if (value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first)) return value.slice(1, -1);
  return withoutTypographicQuotes(value);
}

/** An unquoted value as it was before a typographer marked it: its leading and trailing marks dropped. */
function withoutTypographicQuotes(value: string): string {
  let from = 0;
  while (from < value.length && TYPOGRAPHIC_QUOTES.includes(value.charAt(from))) from += 1;
  if (from === 0) return value;
  let to = value.length;
  while (to > from && TYPOGRAPHIC_QUOTES.includes(value.charAt(to - 1))) to -= 1;
  return value.slice(from, to);
}
