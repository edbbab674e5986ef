import type { DecodedCopy } from '../decode.js';
import type { FoundEmbed } from '../types.js';
import { mapBack, type RuleContext } from './rule.js';

/**
 * Parts of the source read again as HTML, mapped back to where they stand: one part as it stands
 * (readAsMarkup), or several read as one copy (readPiecesAsOne: consecutive commented-out bodies,
 * joined string literals).
 */

/**
 * Text read from the source, piece by piece: `offsets` gives each character's source index (null:
 * the piece is `source[start, end)` as it stands).
 */
export interface CopyPiece {
  readonly text: string;
  readonly offsets: ArrayLike<number> | null;
  readonly start: number;
  readonly end: number;
}

/**
 * Pieces of the source read as one HTML copy (consecutive commented-out bodies, joined string
 * literals): one read for them all, not one whole read each. A line break between two pieces maps
 * to the end of the piece before it. Each embed stays inside its own piece (an unclosed blockquote
 * read on into the next ends where its piece does); `atStart` says it starts where its piece does.
 */
export function* readPiecesAsOne(
  context: RuleContext,
  pieces: readonly CopyPiece[],
): Generator<void, { embed: FoundEmbed; piece: number; atStart: boolean }[]> {
  const last = pieces[pieces.length - 1];
  if (!last) return [];
  const text = pieces.map((piece) => piece.text).join('\n');
  const offsets = new Int32Array(text.length + 1);
  const starts: number[] = [];
  let n = 0;
  for (const [k, piece] of pieces.entries()) {
    if (k > 0) offsets[n++] = pieces[k - 1]!.end;
    starts.push(n);
    for (let i = 0; i < piece.text.length; i += 1) offsets[n++] = piece.offsets ? (piece.offsets[i] ?? piece.end) : piece.start + i;
  }
  offsets[n] = last.end;
  const copy: DecodedCopy = { text, offsets, encoding: null };
  let own = 0;
  const read: { embed: FoundEmbed; piece: number; atStart: boolean }[] = [];
  for (const embed of yield* context.readCopy(text)) {
    while (own < pieces.length - 1 && embed.start >= (starts[own + 1] ?? text.length)) own += 1;
    const piece = pieces[own]!;
    const [mapped] = mapBack([embed], copy, piece.start, piece.end);
    if (mapped) read.push({ embed: { ...mapped, end: Math.min(mapped.end, piece.end) }, piece: own, atStart: embed.start === starts[own] });
  }
  return read;
}

export function* readAsMarkup(context: RuleContext, start: number, end: number): Generator<void, FoundEmbed[]> {
  const copy: DecodedCopy = { text: context.doc.source.slice(start, end), offsets: identity(start, end), encoding: null };
  return mapBack(yield* context.readCopy(copy.text), copy, start, end);
}

function identity(from: number, to: number): Int32Array {
  const offsets = new Int32Array(to - from + 1);
  for (let k = 0; k <= to - from; k += 1) offsets[k] = from + k;
  return offsets;
}
