import { createServer } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
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
