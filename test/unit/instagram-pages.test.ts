import { describe, expect, it } from 'vitest';
import { extractEmbedPage } from '../../shared/instagram/embed-page.js';
import { extractPostPage } from '../../shared/instagram/post-page.js';
import { readFixture, readJsonlFixture } from '../support/fixtures.js';
import { brokenEmbedPageHtml, embedPageHtml, loginWallHtml, missingPostPageHtml, postPageHtml } from '../support/instagram-pages.js';

interface PageCase {
  file: string;
  author_name: string;
  author_handle: string;
  caption_starts_with: string;
  taken_at_timestamp: number;
}

describe('post pages of test/fixtures/instagram/pages', () => {
  it.each(readJsonlFixture<PageCase>('instagram', 'pages', 'expected.jsonl').map((c) => [c.file, c] as const))('%s', (file, c) => {
    const reading = extractPostPage(readFixture('instagram', 'pages', file));
    expect(reading.type).toBe('found');
    if (reading.type !== 'found') return;
    // 02.html serves the name decomposed (NFD); the expected value keeps the same form.
    expect(reading.post.name).toBe(c.author_name);
    expect(reading.post.handle).toBe(c.author_handle);
    expect(reading.post.caption?.startsWith(c.caption_starts_with)).toBe(true);
    expect(reading.post.takenAt).toBe(new Date(c.taken_at_timestamp * 1000).toISOString());
    expect(reading.post.media).toHaveLength(1);
    expect(reading.post.media[0]).toMatchObject({ type: 'image', width: 640, height: 640 });
  });
});

const sample = {
  shortcode: 'B8kFzL2hXYZ',
  handle: 'connorwjessup',
  name: 'Connor Jessup',
  caption: 'Line one & <two>\nLine "three"',
  items: [{ type: 'image' as const, width: 1080, height: 1350, alt: 'A beach', path: '/v/a.jpg' }],
};

describe('embed pages in the 2026 shape', () => {
  it('reads handle, caption with newlines and the largest srcset image', () => {
    const reading = extractEmbedPage(embedPageHtml(sample));
    expect(reading).toMatchObject({
      type: 'found',
      post: { handle: 'connorwjessup', caption: 'Line one & <two>\nLine "three"', name: null },
    });
    if (reading.type !== 'found') return;
    expect(reading.post.media).toHaveLength(1);
    expect(reading.post.media[0]!.imageUrl).toMatch(/w=1080$/);
    expect(reading.post.media[0]!.alt).toBe('A beach');
  });

  it('reads every carousel item and the owner from contextJSON', () => {
    const reading = extractEmbedPage(
      embedPageHtml({
        ...sample,
        items: [
          { type: 'image', width: 1080, height: 1080, path: '/v/1.jpg' },
          { type: 'video', width: 1080, height: 1920, path: '/v/2.jpg' },
        ],
      }),
    );
    expect(reading.type).toBe('found');
    if (reading.type !== 'found') return;
    expect(reading.post.name).toBe('Connor Jessup');
    expect(reading.post.media.map((m) => [m.type, m.width, m.height])).toEqual([
      ['image', 1080, 1080],
      ['video', 1080, 1920],
    ]);
  });

  it('tells gone, login wall and unrecognised pages apart', () => {
    expect(extractEmbedPage(brokenEmbedPageHtml()).type).toBe('gone');
    expect(extractEmbedPage(loginWallHtml()).type).toBe('login-wall');
    expect(extractEmbedPage('<html><body>app shell</body></html>').type).toBe('unrecognised');
    expect(extractPostPage(missingPostPageHtml()).type).toBe('gone');
    expect(extractPostPage(loginWallHtml()).type).toBe('login-wall');
  });

  it('reads the display name from the post page meta tags', () => {
    expect(extractPostPage(postPageHtml({ ...sample, name: 'Name (with parens) 🌊' }))).toMatchObject({
      type: 'found',
      post: { name: 'Name (with parens) 🌊', handle: 'connorwjessup' },
    });
  });

  it.each([
    ['a line separator', 'First\u2028Second'],
    ['a paragraph separator', 'First\u2029Second'],
    ['both, one after the other', 'Two\u2028\u2029Lines'],
  ])('keeps a display name holding %s', (_what, name) => {
    const html = postPageHtml({ ...sample, name });
    expect(extractPostPage(html)).toMatchObject({ type: 'found', post: { name, handle: 'connorwjessup' } });
    // Each source on its own: twitter:title gone, then og:title alone.
    const withoutTwitter = html.replace(/<meta name="twitter:title"[^>]*>/, '');
    expect(extractPostPage(withoutTwitter)).toMatchObject({ post: { name } });
    const ogOnly = withoutTwitter.replace(/<meta property="og:description"[^>]*>/, '');
    expect(extractPostPage(ogOnly)).toMatchObject({ post: { name } });
  });

  it('survives a contextJSON that is not JSON: falls back to the markup', () => {
    const html = embedPageHtml(sample).replace('</body>', '<script>{"contextJSON":"{not json"}</script></body>');
    expect(extractEmbedPage(html)).toMatchObject({ type: 'found', post: { handle: 'connorwjessup' } });
  });
});
