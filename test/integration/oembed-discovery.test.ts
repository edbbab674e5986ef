import { unfurl } from 'unfurl.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostJson } from '../../shared/post/post-json.js';
import { archive, CAROUSEL, PHOTO } from '../browser/posts.js';
import { type ServedHarness, startServedHarness } from '../support/serve-app.js';

/**
 * A consumer that knows nothing about postkeep: unfurl.js (an npm oEmbed/Open Graph scraper)
 * given only an embed URL, over real HTTP. It must find the oEmbed endpoint by discovery
 * (`<link rel="alternate" type="application/json+oembed">`) and get a usable rich answer.
 */
let served: ServedHarness;
let photo: PostJson;
let carousel: PostJson;

beforeAll(async () => {
  served = await startServedHarness();
  [photo, carousel] = await Promise.all([archive(served.h, PHOTO), archive(served.h, CAROUSEL)]);
}, 60_000);

afterAll(async () => served?.close());

interface RichOEmbed {
  readonly type: string;
  readonly version: string;
  readonly html: string;
  readonly width: number;
  readonly height: number;
  readonly author_name?: string;
  readonly provider_name?: string;
  readonly thumbnail_url?: string;
  readonly thumbnail_width?: number;
  readonly thumbnail_height?: number;
  /** unfurl.js folds thumbnail_url/width/height into this list. */
  readonly thumbnails?: { url: string; width: number; height: number }[];
}

/**
 * unfurl.js entity-decodes every value it returns, oEmbed `html` included (he.decode twice,
 * dist/index.js:317), so `&amp;` in our attributes arrives as `&`; compare what survives that.
 */
const decoded = (html: string) => html.replace(/&amp;/g, '&');

describe('oEmbed discovery by an npm consumer (unfurl.js)', () => {
  it('finds the oEmbed answer from the embed URL alone, the same one /oembed gives', async () => {
    const meta = await unfurl(photo.embedUrl, { timeout: 5000 });
    const oembed = meta.oEmbed as RichOEmbed | undefined;
    expect(oembed).toMatchObject({
      type: 'rich',
      version: '1.0',
      author_name: PHOTO.name,
      provider_name: 'postkeep',
      width: 540,
    });
    const direct = (await (await fetch(`${served.baseUrl}/oembed?url=${encodeURIComponent(photo.embedUrl)}`)).json()) as RichOEmbed;
    const { thumbnail_url, thumbnail_width, thumbnail_height, html, ...fields } = direct;
    expect(oembed).toMatchObject({ ...fields, thumbnails: [{ url: thumbnail_url, width: thumbnail_width, height: thumbnail_height }] });
    expect(oembed!.html).toBe(decoded(html));
    expect(oembed!.height).toBeGreaterThan(0);
    expect(oembed!.html).toContain(`<iframe`);
    expect(oembed!.html).toContain(`src="${photo.embedUrl}"`);
    expect(oembed!.html).not.toMatch(/<script/i);
    expect(oembed!.thumbnails?.[0]?.url).toMatch(new RegExp(`^${served.baseUrl}/media/`));
    expect(meta.title).toBe(`Post by @${PHOTO.handle}`);
    expect(meta.canonical_url).toBe(photo.embedUrl);
  });

  it('keeps the variant of the page it discovered from (theme, slide)', async () => {
    const meta = await unfurl(`${carousel.embedUrl}?theme=dark&slide=2`, { timeout: 5000 });
    const oembed = meta.oEmbed as RichOEmbed | undefined;
    expect(oembed?.type).toBe('rich');
    expect(oembed!.html).toContain(`src="${carousel.embedUrl}?theme=dark&slide=2"`);
    expect(oembed!.author_name).toBe(CAROUSEL.name);
  });
});
