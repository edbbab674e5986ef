import { describe, expect, it } from 'vitest';
import { drivingTerm, matchesTerms, normaliseText, parseSearchQuery, toSearchTokens } from '../../shared/search/tokens.js';

const post = {
  author: { handle: 'connor.w_jessup', name: 'Connor Jessup' },
  caption: 'Behind the scenes 🎬 at the Café — thank you @lockekeyshow team! #LockeAndKey',
  shortcode: 'B8kFzL2hXYZ',
};

describe('search tokens of a record', () => {
  const tokens = toSearchTokens(post);

  it.each([
    ['co', 'a two-letter handle prefix'],
    ['connor.w_j', 'a handle prefix across its dot'],
    ['w_jessup', 'a word of the handle'],
    ['jess', 'a prefix of a display-name word'],
    ['b8kfzl2hxyz', 'the whole shortcode, lower-cased'],
    ['cafe', 'a caption word with its accent dropped'],
    ['lockeandkey', 'a hashtag, without its #'],
    ['lockekeyshow', 'a mention, without its @'],
  ])('holds %s (%s)', (token) => {
    expect(tokens.has(token)).toBe(true);
  });

  it.each([
    ['c', 'one letter, which would put most posts in one partition'],
    ['beh', 'a prefix of a caption word (caption words are whole)'],
    ['café', 'an accented form'],
    ['b8kf', 'a shortcode prefix (shortcodes are whole)'],
  ])('does not hold %s (%s)', (token) => {
    expect(tokens.has(token)).toBe(false);
  });

  it('keeps at most 200 distinct caption words', () => {
    const caption = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
    const many = toSearchTokens({ author: { handle: null, name: null }, caption, shortcode: null });
    expect(many.size).toBe(200);
  });

  it('folds width and case: "ＣＡＦＥ" is "cafe"', () => {
    expect(normaliseText('ＣＡＦＥ')).toBe('cafe');
  });
});

describe('parsing a search', () => {
  it.each([
    ['', { kind: 'none' }],
    ['   ', { kind: 'none' }],
    ['@connor', { kind: 'terms', terms: ['connor'] }],
    ['Café  SCENES', { kind: 'terms', terms: ['cafe', 'scenes'] }],
    ['a', { kind: 'none' }],
    ['CqFyVvGIH-3', { kind: 'terms', terms: ['cqfyvvgih-3'] }],
    ['https://www.instagram.com/p/B8kFzL2hXYZ/?igsh=abc', { kind: 'shortcode', shortcode: 'B8kFzL2hXYZ' }],
    ['instagram.com/reel/CqFyVvGIH-3/', { kind: 'shortcode', shortcode: 'CqFyVvGIH-3' }],
  ])('%j → %j', (q, expected) => {
    expect(parseSearchQuery(q)).toEqual(expected);
  });

  it('reads the longest term first', () => {
    expect(drivingTerm(['the', 'lockeandkey', 'co'])).toBe('lockeandkey');
  });

  it('matches only when every term is a token of the record', () => {
    expect(matchesTerms(post, ['conn', 'cafe'])).toBe(true);
    expect(matchesTerms(post, ['conn', 'beach'])).toBe(false);
  });
});
