import { francAll } from 'franc-min';
import type { Work } from './work.js';

/** Characters of each text the language guess reads: enough for trigrams, bounded work. */
const SAMPLE = 600;
/** Below this many characters a trigram guess says little (franc-min's own floor is 10). */
const MIN_LENGTH = 80;
/** How many of each text's likeliest languages must leave out the other text's likeliest. */
const TOP = 3;

/**
 * Whether two texts are in different languages, told apart by character trigrams (franc-min):
 * each one's likeliest language is not among the other's three likeliest. Close relatives
 * (Serbian, Bulgarian, Russian; Spanish, Portuguese) stay "the same", and so does any text too
 * short or in a script the guesser does not know ("und"): only a clear difference counts.
 */
export function inAnotherLanguage(page: string, other: string, work: Work): boolean {
  const a = page.slice(-SAMPLE);
  const b = other.slice(0, SAMPLE);
  if (a.trim().length < MIN_LENGTH || b.trim().length < MIN_LENGTH) return false;
  work.step(Math.ceil((a.length + b.length) / 16));
  const first = francAll(a, { minLength: MIN_LENGTH })
    .slice(0, TOP)
    .map(([code]) => code);
  const second = francAll(b, { minLength: MIN_LENGTH })
    .slice(0, TOP)
    .map(([code]) => code);
  const [topFirst] = first;
  const [topSecond] = second;
  if (!topFirst || !topSecond || topFirst === 'und' || topSecond === 'und') return false;
  return !first.includes(topSecond) && !second.includes(topFirst);
}
