/**
 * Puts replacement HTML in place of found embeds. Everything outside the ranges stays byte for
 * byte. Embeds that share one wrapper range (one consent element holding two posts) are replaced
 * once, by the first replacement given for that range; any other overlap is a caller error.
 */
export function replaceEmbeds(article: string, replacements: ReadonlyArray<{ start: number; end: number; html: string }>): string {
  const sorted = [...replacements].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  let last: { start: number; end: number } | null = null;
  for (const r of sorted) {
    if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end < r.start || r.end > article.length) {
      throw new RangeError(`Replacement range ${r.start}–${r.end} is outside the article (length ${article.length}).`);
    }
    if (last && r.start === last.start && r.end === last.end) continue;
    if (r.start < cursor) throw new RangeError(`Replacement range ${r.start}–${r.end} overlaps ${last?.start}–${last?.end}.`);
    out += article.slice(cursor, r.start) + r.html;
    cursor = r.end;
    last = r;
  }
  return out + article.slice(cursor);
}
