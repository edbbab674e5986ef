import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostJson } from '../../shared/post/post-json.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
let post: PostJson;
beforeAll(async () => {
  h = await startHarness({ PUBLIC_BASE_ALIASES: 'https://cdn.postkeep.test, http://d111111abcdef8.cloudfront.net/' });
  h.fake.addPost({
    shortcode: 'CqQuery000A',
    handle: 'query.user',
    name: 'Query User',
    caption: 'asked for in every way consumers ask',
    items: [{ type: 'image', width: 1080, height: 1350, path: '/v/query.jpg' }],
  });
  post = (await (await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/CqQuery000A/' })).json()) as PostJson;
});
afterAll(async () => h?.stop());

const oembed = (query: string) => h.app.request(`/oembed?${query}`);
const forUrl = (url: string, rest = '') => oembed(`url=${encodeURIComponent(url)}${rest}`);

describe('GET /oembed reads what consumers really send', () => {
  it.each([
    ['maxwidth= (empty)', '&maxwidth=&maxheight=', 540],
    ['maxwidth=0', '&maxwidth=0&maxheight=0', 540],
    ['maxwidth=20000', '&maxwidth=20000&maxheight=20000', 540],
    ['maxwidth=500.5', '&maxwidth=500.5', 500],
    ['maxwidth=-300', '&maxwidth=-300', 540],
    ['maxwidth=wide', '&maxwidth=wide&maxheight=tall', 540],
    ['maxwidth=500px', '&maxwidth=500px', 500],
    ['WordPress defaults', '&maxwidth=500&maxheight=750', 500],
    ['unknown parameters', '&maxwidth=400&callback=cb&dnt=1&omit_script=true&lang=de', 400],
    ['format in capitals', '&format=JSON&maxwidth=320', 320],
  ])('%s → 200', async (_name, rest, width) => {
    const res = await forUrl(post.embedUrl, rest);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { width: number; height: number; html: string };
    expect(body.width).toBe(width);
    expect(body.height).toBeGreaterThan(0);
    expect(body.html).toContain(post.embedUrl);
  });

  it('maxheight below the card caps the frame, and the page fits itself into it (docs/adr/0006-oembed-html-form.md)', async () => {
    const body = (await (await forUrl(post.embedUrl, '&maxheight=300.9')).json()) as { height: number; html: string };
    expect(body.height).toBe(300);
    expect(body.html).toContain('height="300"');
    expect(body.html).toMatch(/padding-bottom:min\([^;"]*, 300px\)/);
    expect(body.html).toContain('scrolling="no"');
  });

  it('answers xml for format=xml, 501 for any other format, 400 without a url', async () => {
    const xml = await forUrl(post.embedUrl, '&format=Xml&maxwidth=');
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toContain('text/xml');
    expect((await forUrl(post.embedUrl, '&format=yaml')).status).toBe(501);
    expect((await oembed('maxwidth=500')).status).toBe(400);
    expect((await oembed('url=')).status).toBe(400);
  });
});

describe('GET /oembed resolves every alias of an embed URL', () => {
  const aliases = (embedUrl: string): string[] => {
    const path = new URL(embedUrl).pathname;
    return [
      embedUrl,
      embedUrl.replace('http://', 'https://'),
      embedUrl.replace('postkeep.test', 'POSTKEEP.TEST'),
      embedUrl.replace('http://', 'http://www.'),
      `${embedUrl}/`,
      `${embedUrl}?utm_source=newsletter`,
      `${embedUrl}#card`,
      `postkeep.test${path}`,
      `https://cdn.postkeep.test${path}`,
      `https://d111111abcdef8.cloudfront.net${path}`,
      encodeURIComponent(embedUrl),
    ];
  };

  it('answers the same post for each, with the frame on the public base', async () => {
    for (const url of aliases(post.embedUrl)) {
      const res = await forUrl(url);
      expect(res.status, url).toBe(200);
      const body = (await res.json()) as { html: string; author_name: string };
      expect(body.author_name).toBe('Query User');
      expect(body.html).toContain(`src="${post.embedUrl}"`);
    }
  });

  it('keeps the variant an alias names', async () => {
    const body = (await (await forUrl(`https://CDN.postkeep.test/embed/${post.id}/?theme=dark&slide=1`)).json()) as { html: string };
    expect(body.html).toContain(`src="${post.embedUrl}?theme=dark"`);
  });

  it('is 404 for the same path on a host that is not an alias', async () => {
    expect((await forUrl(`https://elsewhere.test/embed/${post.id}`)).status).toBe(404);
    expect((await forUrl(`http://postkeep.test:8080/embed/${post.id}`)).status).toBe(404);
  });
});
