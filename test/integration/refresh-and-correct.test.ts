import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostJson } from '../../shared/post/post-json.js';
import { type Harness, startHarness } from '../support/harness.js';
import type { FakePost } from '../support/instagram-pages.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const carousel: FakePost = {
  shortcode: 'Cl0Y-E5qoo9',
  handle: 'museum.of.ice',
  name: 'Museum of Ice',
  caption: 'Three rooms, three moods',
  items: [
    { type: 'image', width: 1080, height: 1080, alt: 'A pink room', path: '/v/c1.jpg' },
    { type: 'image', width: 1080, height: 1350, path: '/v/c2.jpg' },
    { type: 'video', width: 1080, height: 1920, alt: 'A reel poster', path: '/v/c3.jpg', cdnHost: 'video-fra5-1.xx.fbcdn.net' },
  ],
};

describe('a carousel, captured and then lost upstream', () => {
  let id = '';

  it('captures every carousel item, the video as its poster', async () => {
    h.fake.addPost(carousel);
    const res = await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/museum.of.ice/p/Cl0Y-E5qoo9/?img_index=1' });
    expect(res.status).toBe(201);
    const post = (await res.json()) as PostJson;
    id = post.id;
    expect(post.media.map((m) => [m.type, m.width, m.height, m.alt])).toEqual([
      ['image', 1080, 1080, 'A pink room'],
      ['image', 1080, 1350, null],
      ['video', 1080, 1920, 'A reel poster'],
    ]);
    const embed = await (await h.app.request(`/embed/${id}`)).text();
    expect(embed.match(/<picture/g)).toHaveLength(3);
  });

  it('refresh marks a post found gone as removed and keeps everything it had', async () => {
    const before = (await (await h.api('GET', `/api/posts/${id}`)).json()) as PostJson;
    h.fake.setPages(carousel.shortcode, { kind: 'gone' });
    const res = await h.api('POST', `/api/posts/${id}/refresh`);
    expect(res.status).toBe(200);
    const after = (await res.json()) as PostJson;
    expect(after.status).toBe('removed');
    expect(after.removedAt).toEqual(expect.any(String));
    expect(after.caption).toBe(before.caption);
    expect(after.author).toEqual(before.author);
    expect(after.media).toEqual(before.media);
    const embed = await (await h.app.request(`/embed/${id}`)).text();
    expect(embed).toContain('Original removed');
    expect(embed).toContain('Three rooms, three moods');
    expect((await h.app.request(new URL(after.media[0]!.url).pathname)).status).toBe(200);
  });

  it("a refresh after the carousel lost an item takes that slide's pages down", async () => {
    const shrinking: FakePost = { ...carousel, shortcode: 'Cl0Y-E5qoo8', items: carousel.items.slice(0, 3) };
    h.fake.addPost(shrinking);
    const post = (await (await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/Cl0Y-E5qoo8/' })).json()) as PostJson;
    expect((await h.app.request(`/embed/${post.id}?slide=3&theme=dark&hidecaption=1`)).status).toBe(200);
    h.fake.addPost({ ...shrinking, items: carousel.items.slice(0, 2) });
    const refreshed = (await (await h.api('POST', `/api/posts/${post.id}/refresh`)).json()) as PostJson;
    expect(refreshed.media).toHaveLength(2);
    for (const query of ['slide=3', 'slide=3&theme=dark&hidecaption=1', 'img_index=3&theme=light']) {
      expect((await h.app.request(`/embed/${post.id}?${query}`)).status, query).toBe(404);
    }
    expect((await h.app.request(`/embed/${post.id}?slide=2&theme=dark`)).status).toBe(200);
  });

  it('a refresh that fails upstream changes nothing', async () => {
    h.fake.setPages(carousel.shortcode, { kind: 'status', status: 500 });
    const before = (await (await h.api('GET', `/api/posts/${id}`)).json()) as PostJson;
    const res = await h.api('POST', `/api/posts/${id}/refresh`);
    expect(res.status).toBe(502);
    expect(await (await h.api('GET', `/api/posts/${id}`)).json()).toEqual(before);
  });

  it('PATCH corrects fields with provenance editor, and a later refresh keeps them', async () => {
    const res = await h.api('PATCH', `/api/posts/${id}`, {
      caption: 'Corrected caption <b>kept as text</b>',
      author: { name: 'Museum of Ice Cream' },
      media: [{ index: 1, alt: 'A yellow room with a slide' }],
    });
    expect(res.status).toBe(200);
    const post = (await res.json()) as PostJson;
    expect(post.caption).toBe('Corrected caption <b>kept as text</b>');
    expect(post.author).toEqual({ handle: 'museum.of.ice', name: 'Museum of Ice Cream' });
    expect(post.media[1]!.alt).toBe('A yellow room with a slide');
    expect(post.provenance).toMatchObject({ caption: 'editor', name: 'editor', handle: 'embed-page', 'media.1.alt': 'editor' });

    h.fake.addPost(carousel);
    const refreshed = (await (await h.api('POST', `/api/posts/${id}/refresh`)).json()) as PostJson;
    expect(refreshed.status).toBe('live');
    expect(refreshed.removedAt).toBeNull();
    expect(refreshed.caption).toBe('Corrected caption <b>kept as text</b>');
    expect(refreshed.author.name).toBe('Museum of Ice Cream');
    expect(refreshed.media[1]!.alt).toBe('A yellow room with a slide');
    const embed = await (await h.app.request(`/embed/${id}`)).text();
    expect(embed).toContain('&lt;b&gt;kept as text&lt;/b&gt;');
    expect(embed).not.toContain('<b>kept as text</b>');
  });

  it('PATCH refuses unknown fields, bad dates and missing media items', async () => {
    expect((await h.api('PATCH', `/api/posts/${id}`, { colour: 'red' })).status).toBe(400);
    expect((await h.api('PATCH', `/api/posts/${id}`, { takenAt: 'yesterday' })).status).toBe(400);
    expect((await h.api('PATCH', `/api/posts/${id}`, { media: [{ index: 9, alt: 'x' }] })).status).toBe(400);
    expect((await h.api('PATCH', `/api/posts/${id}`, { url: 'https://www.instagram.com/p/B8kFzL2hXYZ/' })).status).toBe(409);
  });
});

describe('takedown', () => {
  it('hides a post: tombstone with attribution at once, bytes kept for an unhide, oEmbed 401', async () => {
    h.fake.addPost({
      shortcode: 'CxFThvyOD98',
      handle: 'takedown.me',
      name: 'Take Down',
      caption: 'please remove this',
      items: [{ type: 'image', width: 640, height: 640, path: '/v/takedown.jpg' }],
    });
    const post = (await (await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/CxFThvyOD98/' })).json()) as PostJson;
    const mediaPath = new URL(post.media[0]!.url).pathname;
    expect((await h.app.request(mediaPath)).status).toBe(200);

    expect((await h.api('POST', `/api/posts/${post.id}/hide`, {})).status).toBe(400);
    const res = await h.api('POST', `/api/posts/${post.id}/hide`, { reason: 'Request from the author, ticket 4411' });
    expect(res.status).toBe(200);
    const hidden = (await res.json()) as PostJson;
    expect(hidden).toMatchObject({ status: 'hidden', caption: null, media: [], author: { handle: 'takedown.me', name: 'Take Down' } });
    expect(hidden.hidden?.reason).toBe('Request from the author, ticket 4411');

    // Kept, so a counter-notice can restore it (purge is what deletes bytes: takedown.test.ts).
    expect(await h.deps.objects.exists(mediaPath.slice(1))).toBe(true);
    const embed = await (await h.app.request(`/embed/${post.id}?slide=3&theme=dark`)).text();
    expect(embed).toContain('@takedown.me');
    expect(embed).not.toContain('please remove this');
    expect(embed).not.toContain('/media/');
    expect((await h.app.request(`/oembed?url=${encodeURIComponent(post.embedUrl)}`)).status).toBe(401);
    expect((await h.api('POST', `/api/posts/${post.id}/refresh`)).status).toBe(409);
  });
});
