/**
 * Binary searches over the reader's sorted lists: elements, times and links by where they start,
 * and the embeds found so far.
 */

/** The index of the first value at or after `at` in ascending `values` (their length when none is). */
export function firstAtOrAfter(values: ArrayLike<number>, at: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? 0) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first item starting at or after `at` in `items` sorted by start (their length when none does). */
export function firstStartingFrom(items: ArrayLike<{ readonly start: number }>, at: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((items[mid]?.start ?? 0) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
