import { describe, expect, it } from 'vitest';
import { findEmbedsDetailed } from '../../shared/rescue/index.js';
import { ADVERSARIAL } from '../support/adversarial-articles.js';

const NOW = new Date('2026-11-22T00:00:00Z');
const SIZES = [256 * 1024, 512 * 1024, 1024 * 1024];

/**
 * The work a rescue does (tokenizer chunks, tokens, characters examined by bounded look-ups,
 * rule evaluations: shared/rescue/work.ts) grows at most linearly with the article on inputs
 * built to break parsers: doubling the input may at most double the work, plus a small margin.
 * Wall time is not asserted; `npm run bench` prints it for the worst case at 5 MB.
 */
describe('rescue work grows linearly on adversarial articles', () => {
  it.each(ADVERSARIAL.map((a) => [a.name, a] as const))('%s', (_name, adversarial) => {
    const work = SIZES.map((size) => findEmbedsDetailed(adversarial.build(size), adversarial.format, NOW).work);
    for (let i = 1; i < work.length; i += 1) {
      const ratio = (work[i] ?? 0) / Math.max(1, work[i - 1] ?? 0);
      expect(ratio, `work ${work.join(' → ')}`).toBeLessThanOrEqual(2.2);
    }
    // The counter counts something: at least one unit per 64 KB chunk.
    expect(work[0]).toBeGreaterThanOrEqual(4);
  });

  it('a crafted linear case would fail this check: quadratic work doubles to four times', () => {
    // The same check applied to n² work: the test above can fail.
    const quadratic = SIZES.map((size) => (size / 1024) ** 2);
    expect((quadratic[1] ?? 0) / (quadratic[0] ?? 1)).toBeGreaterThan(2.2);
  });
});
