import { readMarkdownLink } from './markdown-link.js';
import type { ProjectionBuilder } from './projection.js';
import type { Work } from './work.js';

/** A character reference in a run of Markdown text: its code point and where it stands. */
export interface MarkdownReference {
  readonly codepoint: number;
  readonly s: number;
  readonly e: number;
}

/** Where a run's text goes: `emit` writes text over its source range (nothing while hidden). */
export interface MarkdownOut {
  readonly emit: (value: string, s: number, e: number) => void;
  readonly builder: ProjectionBuilder;
  readonly work: Work;
}

/** A backslash escape in a Markdown link label (`\_`). */
const ESCAPED_PUNCTUATION = /\\[!-/:-@[-`{-~]/;

/**
 * Markdown inline syntax in `source[base, end)`, one run of text: `\_` escapes, `[label](url)`,
 * `[![alt](img)](url)`, quote prefixes; the run's character references (`references`, in source
 * order) decoded where they stand, so that one in a link's label or URL (`O&#39;Leary`;
 * web/knolleary-tjbot-jekyll.md, 2026-12) no longer breaks the link apart. Linear.
 */
export function emitMarkdown(source: string, base: number, end: number, references: readonly MarkdownReference[], out: MarkdownOut): void {
  const value = source.slice(base, end);
  let i = 0;
  let last = 0;
  const n = value.length;
  // The next reference not yet passed: every range read below starts at or after the last one.
  let referenceAt = 0;
  /** The source from `from` to `to`, each reference in it decoded; `emitting` emits the pieces, each over its own source. */
  const decoded = (from: number, to: number, emitting: boolean): string => {
    let text = '';
    let at = from;
    for (; referenceAt < references.length; referenceAt += 1) {
      const ref = references[referenceAt] as MarkdownReference;
      if (ref.s >= to) break;
      if (ref.s < at || ref.e > to) continue;
      const piece = String.fromCodePoint(ref.codepoint);
      if (emitting) {
        if (ref.s > at) out.emit(source.slice(at, ref.s), at, ref.s);
        out.emit(piece, ref.s, ref.e);
      } else text += source.slice(at, ref.s) + piece;
      at = ref.e;
    }
    if (emitting && to > at) out.emit(source.slice(at, to), at, to);
    return text + source.slice(at, to);
  };
  const flush = (to: number) => {
    if (to > last) decoded(base + last, base + to, true);
  };
  let lineStart = base === 0 || source[base - 1] === '\n';
  while (i < n) {
    const c = value.charCodeAt(i);
    if (lineStart) {
      // A quote prefix ("> ", "> > ") is dropped.
      let j = i;
      while (j < n && (value[j] === ' ' || value[j] === '\t')) j += 1;
      if (value[j] === '>') {
        while (j < n && (value[j] === '>' || value[j] === ' ' || value[j] === '\t')) j += 1;
        flush(i);
        last = j;
        i = j;
      }
      lineStart = false;
      continue;
    }
    if (c === 10) {
      lineStart = true;
      i += 1;
      continue;
    }
    if (c === 92 /* \ */ && i + 1 < n && /[!-/:-@[-`{-~]/.test(value[i + 1] ?? '')) {
      flush(i);
      out.emit(value[i + 1] ?? '', base + i, base + i + 2);
      i += 2;
      last = i;
      continue;
    }
    if (c === 91 /* [ */) {
      const link = readMarkdownLink(value, i);
      if ('href' in link) {
        out.work.step();
        flush(i);
        const start = out.builder.length;
        if (link.label.length > 0) {
          const labelFrom = base + link.labelStart;
          const labelTo = labelFrom + link.label.length;
          if (!ESCAPED_PUNCTUATION.test(link.label)) decoded(labelFrom, labelTo, true);
          else out.emit(decoded(labelFrom, labelTo, false).replace(/\\([!-/:-@[-`{-~])/g, '$1'), labelFrom, labelTo);
        }
        const hrefFrom = base + link.hrefStart;
        const href = decoded(hrefFrom, hrefFrom + link.href.length, false);
        out.builder.links.push({ start, end: out.builder.length, href, s: base + i, e: base + link.end, element: -1 });
        i = link.end;
        last = i;
        continue;
      }
      // Every '[' before the point where this one failed fails the same way.
      i = Math.max(i + 1, link.skipTo);
      continue;
    }
    i += 1;
  }
  flush(n);
}
