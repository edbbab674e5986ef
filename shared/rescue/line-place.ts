/**
 * Where a piece of text stands on its line, looked at within bounded reaches: at its start, at
 * its end, alone on it, or after nothing but a store's date stamp (leftover-text.ts).
 */

export function endsLine(text: string, at: number): boolean {
  for (let i = at; i < text.length && i - at < 400; i += 1) {
    const c = text[i];
    if (c === '\n') return true;
    if (!isLineSpace(c)) return false;
  }
  return true;
}

export function startsLine(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0 && at - i < 400; i -= 1) {
    const c = text[i];
    if (c === '\n') return true;
    if (!isLineSpace(c)) return false;
  }
  return true;
}

/**
 * A store's date stamp at the start of its text ("date 2020-05", "2020-05-08"; web/huffpost-fr.txt,
 * web/bigodino-it.txt, 2026-12) runs into whatever the page's text begins with.
 */
const STAMP = /^[ \t\u00a0]*(?:\p{L}{1,12}[ \t\u00a0]+)?(?:19|20)\d{2}-\d{2}(?:-\d{2})?[ \t\u00a0]+$/u;

/** At the start of its line, or after nothing but a store's date stamp there. */
export function startsLineButStamp(text: string, at: number): boolean {
  return startsLineBut(text, at, STAMP);
}

/**
 * At the start of its line, or after nothing but what `marks` matches there; the line's start is
 * looked for at most 40 characters before `reachFrom` (`at` unless given).
 */
export function startsLineBut(text: string, at: number, marks: RegExp, reachFrom = at): boolean {
  if (startsLine(text, at)) return true;
  let lineStart = at;
  while (lineStart > 0 && reachFrom - lineStart <= 40 && text[lineStart - 1] !== '\n') lineStart -= 1;
  return reachFrom - lineStart <= 40 && marks.test(text.slice(lineStart, at));
}

/**
 * Pictographs (emoji with their modifiers, variation selectors and joiners) and blanks opening a
 * line: a Markdown emoji extension marks the post link it embeds with one ("📷<post URL>" alone on
 * its line; web/markmoji-handler-doc.md, 2026-12), and a marker is no words beside the link.
 */
const PICTOGRAPH_MARKS = /^[ \t\u00a0]*(?:(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f)[ \t\u00a0]*){1,8}$/u;

/** At the start of its line, or after nothing but pictographs there. */
export function startsLineButPictographs(text: string, at: number): boolean {
  return startsLineBut(text, at, PICTOGRAPH_MARKS);
}

/** Nothing but white space before `start` and after `end` on their line (bounded looks). */
export function standsAlone(text: string, start: number, end: number): boolean {
  return startsLine(text, start) && endsLine(text, end);
}

/** White space inside a line: a line break ends it. */
export function isLineSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\u00a0' || c === '\r';
}

/**
 * The marks that open a line of a code comment (` * ` of a doc comment, `//`, `#`) and the blanks
 * around them: embed code or a post URL after them stands on that comment's line.
 */
export const COMMENT_MARKS = /^[ \t]*(?:\*|\/\/|#)[ \t]*$/;
