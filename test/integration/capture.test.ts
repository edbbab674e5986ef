import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostJson } from '../../shared/post/post-json.js';
import { watchObjectPuts, watchTableRequests } from '../support/command-counter.js';
import { type Harness, startHarness } from '../support/harness.js';
import type { FakePost } from '../support/instagram-pages.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const single: FakePost = {
  shortcode: 'B8kFzL2hXYZ',
  handle: 'connorwjessup',
  name: 'Connor Jessup',
  caption: 'First line of the caption #tag @friend\nSecond line https://example.com/x',
  items: [{ type: 'image', width: 1080, height: 1350, alt: 'Photo of a beach at dusk', path: '/v/t51/single.jpg' }],
};

describe('POST /api/posts', () => {
  it('archives a single-image post and answers 201 with the Post', async () => {
    h.fake.addPost(single);
    const res = await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/B8kFzL2hXYZ/?igsh=MWx2dGx4' });
    expect(res.status).toBe(201);
    const post = (await res.json()) as PostJson;
    expect(post).toMatchObject({
      platform: 'instagram',
      shortcode: 'B8kFzL2hXYZ',
      kind: 'post',
      url: 'https://www.instagram.com/p/B8kFzL2hXYZ/',
      author: { handle: 'connorwjessup', name: 'Connor Jessup' },
      caption: single.caption,
      takenAt: '2020-02-14T22:23:14.000Z',
      status: 'live',
      provenance: { caption: 'embed-page', handle: 'embed-page', name: 'post-page', takenAt: 'shortcode' },
    });
    expect(post.id).toMatch(/^[a-f0-9]{20}$/);
    expect(post.embedUrl).toBe(`http://postkeep.test/embed/${post.id}`);
    expect(post.media).toHaveLength(1);
    expect(post.media[0]).toMatchObject({ type: 'image', width: 1080, height: 1350, alt: 'Photo of a beach at dusk' });
    // The stored original is served from our own storage, never from Instagram's signed CDN.
    expect(post.media[0]!.url).toMatch(/^http:\/\/postkeep\.test\/media\/[a-f0-9]{64}\/original\.jpg$/);
    const media = await h.app.request(new URL(post.media[0]!.url).pathname);
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/jpeg');
  });

  it('answers 200 with the same Post when the post is archived already', async () => {
    const res = await h.api('POST', '/api/posts', { url: 'instagram.com/p/B8kFzL2hXYZ' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as PostJson).shortcode).toBe('B8kFzL2hXYZ');
  });

  it('keeps eight concurrent captures of one post as one record', async () => {
    h.fake.addPost({ ...single, shortcode: 'CqFyVvGIH-3', items: [{ ...single.items[0]!, path: '/v/t51/eight.jpg' }] });
    const before = h.fake.requests.length;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/CqFyVvGIH-3/?img_index=2' })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(answers.map(async (r) => ((await r.json()) as PostJson).id)));
    expect(ids.size).toBe(1);
    const embedPageFetches = h.fake.requests.slice(before).filter((r) => r.path.endsWith('/embed/captioned/'));
    expect(embedPageFetches).toHaveLength(1);
  });

  it('lists archived posts newest first with a cursor', async () => {
    const first = await h.api('GET', '/api/posts?limit=1');
    expect(first.status).toBe(200);
    const page = (await first.json()) as { items: PostJson[]; cursor: string | null };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.shortcode).toBe('CqFyVvGIH-3');
    expect(page.cursor).toEqual(expect.any(String));
    const second = (await (await h.api('GET', `/api/posts?limit=5&cursor=${page.cursor}`)).json()) as { items: PostJson[] };
    expect(second.items.map((p) => p.shortcode)).toEqual(['B8kFzL2hXYZ']);
  });
});

describe('GET /embed/:id and /oembed', () => {
  it('serves the embed page from storage, without script files, with the post in it', async () => {
    const post = (await (await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/B8kFzL2hXYZ/' })).json()) as PostJson;
    const res = await h.app.request(`/embed/${post.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('link')).toContain('application/json+oembed');
    const html = await res.text();
    expect(html).toContain('Connor Jessup');
    expect(html).toContain('@connorwjessup');
    expect(html).toContain('<picture');
    expect(html).toContain('https://www.instagram.com/p/B8kFzL2hXYZ/');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toContain('cdninstagram.com');
  });

  it("sends the Link header of the variant asked for, as the page's own <link> tags do", async () => {
    const post = (await (await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/B8kFzL2hXYZ/' })).json()) as PostJson;
    for (const search of ['', '?theme=dark', '?theme=dark&hidecaption=1', '?hidecaption=1&utm_source=x']) {
      const res = await h.app.request(`/embed/${post.id}${search}`);
      expect(res.status, search).toBe(200);
      const header = res.headers.get('link') ?? '';
      const tag = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(await res.text())?.[1] ?? 'no tag';
      // Both name the same oEmbed URL, variant included (the tag's `&` is written `&amp;`).
      expect(header, search).toContain(`<${tag.replaceAll('&amp;', '&')}>; rel="alternate"; type="application/json+oembed"`);
      expect(decodeURIComponent(header).includes('theme=dark'), search).toBe(search.includes('theme=dark'));
      expect(decodeURIComponent(header).includes('hidecaption=1'), search).toBe(search.includes('hidecaption=1'));
    }
  });

  it('answers oEmbed rich JSON for the Instagram URL and for the embed URL', async () => {
    const post = (await (await h.api('GET', '/api/posts?limit=5')).json()) as { items: PostJson[] };
    const target = post.items.find((p) => p.shortcode === 'B8kFzL2hXYZ')!;
    for (const url of ['https://instagram.com/p/B8kFzL2hXYZ/?utm_source=ig_web_copy_link', target.embedUrl]) {
      const res = await h.app.request(`/oembed?url=${encodeURIComponent(url)}&maxwidth=400`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ version: '1.0', type: 'rich', author_name: 'Connor Jessup', provider_name: 'postkeep' });
      expect(body.width).toBeLessThanOrEqual(400);
      expect(typeof body.height).toBe('number');
      expect(String(body.html)).toContain(target.embedUrl);
      expect(body.thumbnail_url).toEqual(expect.stringMatching(/^http:\/\/postkeep\.test\/media\//));
    }
  });

  it('answers 404 for an unknown post and 501 for an unknown format', async () => {
    expect((await h.app.request(`/oembed?url=${encodeURIComponent('https://www.instagram.com/p/Zz9Zz9Zz9Zz/')}`)).status).toBe(404);
    expect((await h.app.request(`/oembed?url=${encodeURIComponent('https://www.instagram.com/p/B8kFzL2hXYZ/')}&format=yaml`)).status).toBe(
      501,
    );
  });
});

describe('oEmbed keeps what the requested URL names', () => {
  it('carries theme and slide from the embed URL, and img_index from the Instagram URL, into the iframe', async () => {
    const list = (await (await h.api('GET', '/api/posts?limit=5')).json()) as { items: PostJson[] };
    const target = list.items.find((p) => p.shortcode === 'CqFyVvGIH-3')!;
    const fromEmbed = (await (await h.app.request(`/oembed?url=${encodeURIComponent(`${target.embedUrl}?theme=dark`)}`)).json()) as {
      html: string;
    };
    expect(fromEmbed.html).toContain('theme=dark');
    const xml = await (await h.app.request(`/oembed?url=${encodeURIComponent(target.embedUrl)}&format=xml`)).text();
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('<type>rich</type>');
    // A maxwidth that sets no usable limit is ignored, so only the unknown url decides the answer.
    const unknown = await h.app.request('/oembed?url=x&maxwidth=wide');
    expect(unknown.status).toBe(404);
  });
});

describe('GET /api/posts/:id/snippet', () => {
  it('gives an editor the iframe form and an inline form with no iframe and no script', async () => {
    const list = (await (await h.api('GET', '/api/posts?limit=5')).json()) as { items: PostJson[] };
    const target = list.items.find((p) => p.shortcode === 'B8kFzL2hXYZ')!;
    const res = await h.api('GET', `/api/posts/${target.id}/snippet`);
    expect(res.status).toBe(200);
    const snippet = (await res.json()) as { iframe: string; inline: string };
    expect(snippet.iframe).toContain(`<iframe`);
    expect(snippet.iframe).toContain(target.embedUrl);
    expect(snippet.inline).not.toContain('<iframe');
    expect(snippet.inline).not.toContain('<script');
    expect(snippet.inline).toContain('Connor Jessup');
    expect(snippet.inline).toContain('https://www.instagram.com/p/B8kFzL2hXYZ/');
  });
});

describe('a record whose embed went missing', () => {
  it('gets its embed published again when the post is archived again', async () => {
    const post = (await (await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/B8kFzL2hXYZ/' })).json()) as PostJson;
    await h.deps.objects.deleteMany([`embed/${post.id}/index.html`]);
    expect((await h.app.request(`/embed/${post.id}`)).status).toBe(404);
    expect((await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/B8kFzL2hXYZ/' })).status).toBe(200);
    expect((await h.app.request(`/embed/${post.id}`)).status).toBe(200);
  });
});

describe('uploads', () => {
  it('signs each upload with the sha256 of the bytes it stores, the original with its content address', async () => {
    // Read off the signed requests: the payload hash a store checks the body against.
    const signed = new Map<string, string>();
    const stop = watchObjectPuts(h.clients, ({ key, headers }) => signed.set(key, headers['x-amz-content-sha256'] ?? ''));
    try {
      h.fake.addPost({ ...single, shortcode: 'HashSign00A', items: [{ ...single.items[0]!, path: '/v/t51/hash.jpg' }] });
      const res = await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/HashSign00A/' });
      expect(res.status).toBe(201);
      const record = await h.deps.posts.get(((await res.json()) as PostJson).id);
      const media = record!.media[0]!;
      const keys = [media.original.key, ...media.variants.map((v) => v.key)];
      for (const key of keys) {
        const stored = await h.deps.objects.get(key);
        expect(signed.get(key), key).toBe(createHash('sha256').update(stored!.body).digest('hex'));
      }
      expect(signed.get(media.original.key)).toBe(media.hash);
    } finally {
      stop();
    }
  });

  it('indexes a new post in one batch with its manifest, reading nothing back', async () => {
    // A record just created has no index items to reconcile: the manifest is not read first.
    const sent: string[] = [];
    const stop = watchTableRequests(({ operation, input }) => {
      const { Key } = input as { Key?: { pk?: { S?: string }; sk?: { S?: string } } };
      sent.push(`${operation} ${Key ? `${Key.pk?.S}/${Key.sk?.S}` : ''}`);
    });
    try {
      h.fake.addPost({ ...single, shortcode: 'IndexOne0A', items: [{ ...single.items[0]!, path: '/v/t51/index-one.jpg' }] });
      const res = await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/IndexOne0A/' });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as PostJson;
      expect(sent.some((line) => line.startsWith('PutItem'))).toBe(true);
      expect(sent.filter((line) => line.includes(`post#${id}/index`))).toEqual([]);
      const manifest = await h.clients.dynamo.send(new GetCommand({ TableName: h.config.table, Key: { pk: `post#${id}`, sk: 'index' } }));
      const keys = manifest.Item?.keys as string[];
      expect(keys.length).toBeGreaterThan(2);
      const found = await h.api('GET', `/api/posts?q=${encodeURIComponent(single.handle)}`);
      expect(((await found.json()) as { items: PostJson[] }).items.map((item) => item.id)).toContain(id);
    } finally {
      stop();
    }
  });
});
