import { runToEnd, type Work } from './work.js';

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

/**
 * Merged windows around every occurrence of `needle` (a literal, found by a fast search): the
 * phrase rules run only there. Every byline holds an "@", every header names "Instagram", so prose
 * without them costs one search; a text made of needles is still read once (windows merge).
 */
export function windowsAround(text: string, needle: RegExp, before: number, after: number, work: Work): Array<[number, number]> {
  return runToEnd(windowsAroundInSteps(text, needle, before, after, work));
}

/** The same, yielding when a quantum of work is due: the rule that reads the whole text uses it. */
export function* windowsAroundInSteps(
  text: string,
  needle: RegExp,
  before: number,
  after: number,
  work: Work,
): Generator<void, Array<[number, number]>> {
  const windows: Array<[number, number]> = [];
  needle.lastIndex = 0;
  for (let m = needle.exec(text); m; m = needle.exec(text)) {
    work.step();
    if (work.due()) yield;
    const start = Math.max(0, m.index - before);
    const end = Math.min(text.length, m.index + m[0].length + after);
    const last = windows.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else windows.push([start, end]);
  }
  return windows;
}
