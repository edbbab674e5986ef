import type { Work } from './work.js';

/**
 * Line boundaries looked up within a bounded reach, with the characters examined counted: an
 * unbounded `lastIndexOf('\n')` from every match is what makes one long line quadratic.
 */
export function lineStartBefore(text: string, at: number, reach: number, work: Work): number {
  const from = Math.max(0, at - reach);
  const newline = text.slice(from, at).lastIndexOf('\n');
  work.step(Math.ceil((at - from) / 64));
  return newline < 0 ? from : from + newline + 1;
}

export function lineEndAfter(text: string, at: number, reach: number, work: Work): number {
  const to = Math.min(text.length, at + reach);
  const newline = text.slice(at, to).indexOf('\n');
  work.step(Math.ceil((to - at) / 64));
  return newline < 0 ? to : at + newline;
}
