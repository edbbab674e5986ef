/** White space rules shared by every field the rescue reads from article text. */

/** Runs of white space (NBSP included) become one space; ends trimmed. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A caption as the README defines it: lines kept (a `<br>` or a line break), white space runs
 * collapsed inside each line, empty lines dropped, trimmed. `drop` removes template chrome lines.
 */
export function normaliseCaption(raw: string, drop?: (line: string, index: number) => boolean): string | null {
  const lines = raw
    .split('\n')
    .map(collapseSpace)
    .filter((line) => line.length > 0)
    .filter((line, index) => !(drop?.(line, index) ?? false));
  return lines.length > 0 ? lines.join('\n') : null;
}

/**
 * Display names keep their bytes (NFD, mojibake; corpus 08, 32) but not layout white space: a
 * page's no-break spaces between the words of a byline ("by&nbsp;Shogo&nbsp;Sensui", as editors
 * paste it) are layout too. An ideographic space stays, as a Japanese name writes it.
 */
export function cleanName(raw: string): string | null {
  const name = raw.replace(/[ \t\n\r\f\u00a0\u202f]+/g, ' ').replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '');
  return name.length > 0 ? name : null;
}
