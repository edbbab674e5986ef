import { type DecodedCopy, decodeBackslashCopy } from '../decode.js';
import { firstAtOrAfter } from '../sorted.js';
import type { FoundEmbed } from '../types.js';
import { readPiecesAsOne } from './copies.js';
import { elementStartingAt, fencedBlocks, NO_FENCES } from './ranges.js';
import { examined, type RuleContext } from './rule.js';

/** Where a quoted string literal holding embed markup opens. */
const QUOTED_MARKUP = '["\'](?=<(?:blockquote|amp-instagram|iframe)\\b)';

/**
 * How many joined literals are read from a decoded copy: more than any source file holds (the
 * Drupal formatter has one). Past them, markup is read as it stands, its posts found with the joins
 * in their fields: a 5 MB file of 40,000 such strings (adversarial "string pieces joined over lines")
 * would otherwise read every embed twice over, 2.3-3.3 s instead of 1.8 s.
 */
const JOINED_LITERALS_READ = 1000;

/** A literal's piece ending and the next one starting on a later line: `" .⏎  "`, `' +⏎  '`. */
const LITERAL_JOIN = /(["'])[ \t]{0,200}[.+][ \t]{0,200}\r?\n[ \t]{0,200}\1/;

/**
 * Source code writes embed markup with `'` attributes in a `"` string (or the reverse) broken into
 * pieces over lines and joined with `.` (PHP) or `+` (JS, Java): the scan reads the markup as it
 * stands, each join (`" .⏎      "`) landing in a caption or a `<time>` tag's attributes ("Since I
 * haven't posted in awhile!!! " . "#like4like…", `" . "datetime='…'`; web/drupal-formatter-it.php,
 * 2026-12). Each such literal whose markup the scan saw as an element is decoded once across its
 * joins and read again; the copy starts at the opening quote, so it stands for the scan's reading.
 */
export function* findJoinedLiterals(context: RuleContext): Generator<void, JoinedLiteral[]> {
  const { doc, work } = context;
  if (doc.format === 'html') return [];
  const { source } = doc;
  const fences = doc.format === 'markdown' ? yield* fencedBlocks(source, work) : NO_FENCES;
  const opening = work.regex('quoted-markup', QUOTED_MARKUP, 'gi');
  const literals: JoinedLiteral[] = [];
  for (let m = opening.exec(source); m; m = opening.exec(source)) {
    work.step();
    if (work.due()) yield;
    const open = m.index;
    const quote = source[open] === "'" ? "'" : '"';
    const copy = decodeBackslashCopy(source, open + 1, true, quote);
    const end = copy.offsets?.[copy.text.length] ?? open + 1;
    opening.lastIndex = Math.max(end, open + 1);
    yield* examined(work, end - open);
    // A literal that runs past the reach without its closing quote is no string a page wrote.
    if (source[end] !== quote || fences.covers(open) || elementStartingAt(doc, open + 1) < 0) continue;
    if (!/instagr/i.test(copy.text) || !LITERAL_JOIN.test(source.slice(open, end + 1))) continue;
    literals.push({ open, end, copy });
    if (literals.length === JOINED_LITERALS_READ) break;
  }
  return literals;
}

/** Whether `at` lies inside one of the literals (in source order): the scan's own reading of their markup is left to the decoded copy. */
export function insideLiterals(literals: readonly JoinedLiteral[]): (at: number) => boolean {
  const ends = literals.map((literal) => literal.end);
  return (at) => {
    const literal = literals[firstAtOrAfter(ends, at)];
    return literal !== undefined && literal.open <= at;
  };
}

/** One string literal of embed markup, decoded across its joins: its opening quote, its closing quote's index. */
export interface JoinedLiteral {
  readonly open: number;
  readonly end: number;
  readonly copy: DecodedCopy;
}

/**
 * Every literal's decoded markup read as one HTML copy, a line break between two mapped to the end
 * of the literal before it: a file of such strings (a template's list of embeds) is one read, not
 * one whole read per string. Each embed stays inside its own literal, and one that starts where
 * its markup does starts at the literal's opening quote.
 */
export function* readLiteralsAsOne(context: RuleContext, literals: readonly JoinedLiteral[]): Generator<void, FoundEmbed[]> {
  const pieces = literals.map(({ open, end, copy }) => ({ text: copy.text, offsets: copy.offsets, start: open + 1, end }));
  const read = yield* readPiecesAsOne(context, pieces);
  return read.map(({ embed, piece, atStart }) => (atStart ? { ...embed, start: literals[piece]!.open } : embed));
}
