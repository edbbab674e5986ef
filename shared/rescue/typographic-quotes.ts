/**
 * Typographic quotes an editor's "smart quotes" wrote in place of an attribute's quotes:
 * `class=“instagram-media” data-instgrm-permalink=“https://…”` (a zh-TW Hugo post,
 * web/emtech-linebot-zh.md, 2026-12; German „…“ and doubled ”…” come from the same tools). The
 * Tokenizer reads such a value unquoted, marks and all; they are taken off its ends. A value
 * with spaces (a style) still falls apart into names, but the values the rules read (class, href,
 * permalink, datetime) hold no space.
 */
const TYPOGRAPHIC_QUOTES = '“”„‟″‘’‚‛';

/** An unquoted value without the typographic quotes around it (TYPOGRAPHIC_QUOTES). */
export function withoutTypographicQuotes(value: string): string {
  if (!TYPOGRAPHIC_QUOTES.includes(value[0] ?? '')) return value;
  let end = value.length;
  while (end > 1 && TYPOGRAPHIC_QUOTES.includes(value[end - 1] ?? '')) end -= 1;
  return value.slice(1, end);
}
