import { createServer } from 'node:net';
import { extract, setProviderList } from '@extractus/oembed-extractor';
import { type ServerType, serve } from '@hono/node-server';
import { load } from 'cheerio';
import { unfurl } from 'unfurl.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostJson } from '../../shared/post/post-json.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
let server: ServerType;
let base = '';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  h = await startHarness({ PUBLIC_BASE_URL: base });
  server = serve({ fetch: h.app.fetch, port, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
});

afterAll(async () => {
  server?.close();
  await h?.stop();
});

describe('a well-known oEmbed consumer (unfurl.js) reads postkeep', () => {
  it('discovers the oEmbed endpoint from the embed page and gets a rich answer', async () => {
    h.fake.addPost({
      shortcode: 'B9bOM-6Ax_d',
      handle: 'ruby_eloquent',
      name: 'Ruby Eloquent',
      caption: 'Discovery works without knowing the provider',
      items: [{ type: 'image', width: 1080, height: 1080, path: '/v/unfurl.jpg' }],
    });
    const post = (await (await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/B9bOM-6Ax_d/' })).json()) as PostJson;
    const result = await unfurl(post.embedUrl, { oembed: true, timeout: 10_000 });
    expect(result.oEmbed).toMatchObject({
      version: '1.0',
      type: 'rich',
      author_name: 'Ruby Eloquent',
      provider_name: 'postkeep',
    });
    const oembed = result.oEmbed as { html: string; width: number; height: number; thumbnails?: Array<{ url: string }> };
    expect(oembed.html).toContain(`${base}/embed/${post.id}`);
    expect(oembed.width).toBeGreaterThan(0);
    expect(oembed.height).toBeGreaterThan(0);
  });
});

describe('@extractus/oembed-extractor reads postkeep', () => {
  async function archived(shortcode: string): Promise<PostJson> {
    h.fake.addPost({
      shortcode,
      handle: 'extract.me',
      name: 'Extract Me',
      caption: 'Read by a second consumer library',
      items: [{ type: 'image', width: 1080, height: 1350, path: `/v/${shortcode}.jpg` }],
    });
    return (await (await h.api('POST', '/api/posts', { url: `https://www.instagram.com/p/${shortcode}/` })).json()) as PostJson;
  }

  it('finds the endpoint by discovery from the embed URL and keeps maxwidth', async () => {
    const post = await archived('C1exTRact01');
    const data = await extract(`${post.embedUrl}?theme=dark`, { maxwidth: 390 });
    expect(data).toMatchObject({ type: 'rich', version: '1.0', provider_name: 'postkeep', author_name: 'Extract Me', width: 390 });
    const $ = load(String(data.html), null, false);
    expect($('iframe').attr('src')).toBe(`${base}/embed/${post.id}?theme=dark`);
    expect($('div.postkeep-embed').attr('style')).toBe('width:100%;max-width:390px');
  });

  it('asks the registered endpoint for an Instagram URL, as a provider list would', async () => {
    const post = await archived('C1exTRact02');
    setProviderList([
      {
        provider_name: 'postkeep',
        provider_url: base,
        endpoints: [{ schemes: ['https://www.instagram.com/p/*', 'https://www.instagram.com/reel/*'], url: `${base}/oembed` }],
      },
    ]);
    // The library always calls a listed endpoint over https; the loopback service speaks http.
    const loopback = (url: string) => fetch(url.replace(`https://${new URL(base).host}/`, `${base}/`));
    const data = await extract('https://www.instagram.com/p/C1exTRact02/', { maxwidth: 500, maxheight: 750 }, loopback);
    expect(data).toMatchObject({ type: 'rich', version: '1.0', width: 500 });
    expect(Number(data.height)).toBeLessThanOrEqual(750);
    expect(String(data.html)).toContain(`${base}/embed/${post.id}`);
  });
});
