import { describe, expect, it } from 'vitest';
import { parseInstagramUrl } from '../../shared/instagram/url.js';
import { readJsonlFixture } from '../support/fixtures.js';

interface UrlCase {
  input: string;
  shortcode: string | null;
  kind: string;
  note: string;
}

const POST_KINDS = new Set(['p', 'reel', 'tv']);

describe('parseInstagramUrl on test/fixtures/instagram/urls.jsonl', () => {
  const cases = readJsonlFixture<UrlCase>('instagram', 'urls.jsonl');

  it('has the whole table', () => {
    expect(cases.length).toBeGreaterThanOrEqual(51);
  });

  it.each(cases.map((c) => [c.input, c] as const))('%s', (_input, c) => {
    const parsed = parseInstagramUrl(c.input);
    if (c.kind === 'app') {
      // The app link carries a numeric media id; it is decoded to the post it names.
      expect(parsed).toMatchObject({ type: 'post', shortcode: 'aye83DjauH' });
      return;
    }
    if (POST_KINDS.has(c.kind)) {
      expect(parsed).toMatchObject({
        type: 'post',
        shortcode: c.shortcode,
        kind: c.kind,
        canonicalUrl: `https://www.instagram.com/${c.kind}/${c.shortcode}/`,
      });
    } else {
      expect(parsed.type).toBe('not-post');
      if (parsed.type === 'not-post') {
        expect(parsed.kind).toBe(c.kind);
        expect(parsed.reason.length).toBeGreaterThan(10);
      }
    }
  });
});

describe('parseInstagramUrl on hostile and edge inputs', () => {
  it.each([
    ['instagram.com@127.0.0.1/p/B8kFzL2hXYZ/', 'reject'],
    ['https://instagram.com@127.0.0.1/p/B8kFzL2hXYZ/', 'reject'],
    ['https://instagram.com.evil.example/p/B8kFzL2hXYZ/', 'reject'],
    ['https://evilinstagram.com/p/B8kFzL2hXYZ/', 'reject'],
    ['https://www.instagram.com:8443/p/B8kFzL2hXYZ/', 'reject'],
    ['javascript:alert(1)//instagram.com/p/B8kFzL2hXYZ/', 'reject'],
    ['ftp://www.instagram.com/p/B8kFzL2hXYZ/', 'reject'],
    ['not a url at all', 'reject'],
    ['', 'reject'],
    ['https://www.instagram.com/share/reel/BARSSL4rTu', 'share'],
    ['https://www.instagram.com/p/B8kFzL2hXYZ/something-else/', 'other'],
  ])('%s is refused as %s', (input, kind) => {
    expect(parseInstagramUrl(input)).toMatchObject({ type: 'not-post', kind });
  });

  it('keeps img_index as the slide and drops every tracking parameter', () => {
    expect(parseInstagramUrl('https://www.instagram.com/p/CqFyVvGIH-3/?hl=de&img_index=3&igsh=abc')).toEqual({
      type: 'post',
      shortcode: 'CqFyVvGIH-3',
      kind: 'p',
      canonicalUrl: 'https://www.instagram.com/p/CqFyVvGIH-3/',
      slide: 3,
    });
  });

  it('reads m. hosts and embed/captioned suffixes', () => {
    expect(parseInstagramUrl('m.instagram.com/reel/CDg_6Y1pxWu/embed/captioned/')).toMatchObject({
      type: 'post',
      kind: 'reel',
      shortcode: 'CDg_6Y1pxWu',
    });
  });

  it('reads the one- to four-character codes of 2010 posts (test/fixtures/rescue/web/oembed-doc.cs)', () => {
    expect(parseInstagramUrl('https://instagram.com/p/BUG/')).toMatchObject({ type: 'post', shortcode: 'BUG', kind: 'p' });
    expect(parseInstagramUrl('http://instagr.am/p/d/')).toMatchObject({ type: 'post', shortcode: 'd' });
  });
});
