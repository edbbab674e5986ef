import { describe, expect, it } from 'vitest';
import { mediaIdToShortcode, parseShortcodeTime, shortcodeToMediaId } from '../../shared/instagram/shortcode.js';
import { readJsonlFixture } from '../support/fixtures.js';

interface EmbedCase {
  file: string;
  shortcode: string | null;
  timestamp: string | null;
}

const NOW = new Date('2026-11-22T00:00:00Z');

describe('shortcode arithmetic', () => {
  it('round-trips a media id (pages/01: media_id 905953264702648298 is ySl7G9tO_q)', () => {
    expect(mediaIdToShortcode('905953264702648298')).toBe('ySl7G9tO_q');
    expect(shortcodeToMediaId('ySl7G9tO_q')).toBe(905953264702648298n);
    expect(mediaIdToShortcode('1858926561497309489_300154')).toBe('BnMO9vRleEx');
  });

  it('gives the time of pages/01 to the second', () => {
    expect(parseShortcodeTime('ySl7G9tO_q', NOW)?.toISOString()).toBe('2015-01-25T20:34:26.000Z');
  });

  it('agrees with every <time datetime> of the embed corpus within 15 minutes', () => {
    const rows = readJsonlFixture<EmbedCase>('instagram', 'embeds', 'expected.jsonl').filter((row) => row.shortcode && row.timestamp);
    expect(rows.length).toBeGreaterThan(15);
    for (const row of rows) {
      const derived = parseShortcodeTime(row.shortcode!, NOW);
      expect(derived, row.file).not.toBeNull();
      expect(Math.abs(derived!.getTime() - Date.parse(row.timestamp!)), row.file).toBeLessThan(15 * 60_000);
    }
  });

  it('refuses times before Instagram existed or in the future', () => {
    expect(parseShortcodeTime('AAAAA', NOW)).toBeNull();
    expect(parseShortcodeTime('___________', NOW)).toBeNull();
    expect(parseShortcodeTime('B8kFzL2hXYZ', new Date('2019-01-01T00:00:00Z'))).toBeNull();
    expect(parseShortcodeTime('bad code!', NOW)).toBeNull();
  });

  it('reads the short codes of 2010 posts, whose sequential ids carry no time (test/fixtures/rescue/web/oembed-doc.cs)', () => {
    expect(shortcodeToMediaId('BUG')).toBe(5382n);
    expect(parseShortcodeTime('BUG', NOW)).toBeNull();
  });
});
