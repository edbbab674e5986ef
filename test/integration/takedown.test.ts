import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit/event.js';
import type { PostJson } from '../../shared/post/post-json.js';
import { type Harness, startHarness } from '../support/harness.js';
import type { FakePost } from '../support/instagram-pages.js';

let h: Harness;
const secret = 'A caption the requester wants gone 7f3e';
const target: FakePost = {
  shortcode: 'CTaKeDoWnA1',
  handle: 'takedown.target',
  name: 'Takedown Target',
  caption: secret,
  items: [
    { type: 'image', width: 640, height: 640, path: '/v/takedown-a.jpg' },
    { type: 'image', width: 640, height: 800, path: '/v/takedown-b.jpg' },
  ],
};
const bystander: FakePost = {
  shortcode: 'CByStAnDeR1',
  handle: 'bystander',
  name: 'Bystander',
  caption: 'not part of the takedown',
  items: [{ type: 'image', width: 640, height: 640, path: '/v/bystander.jpg' }],
};

beforeAll(async () => {
  h = await startHarness();
  h.fake.addPost(target);
  h.fake.addPost(bystander);
});
afterAll(async () => h?.stop());

async function allKeys(): Promise<string[]> {
  const out = await h.clients.s3.send(new ListObjectsV2Command({ Bucket: h.config.bucket }));
  return (out.Contents ?? []).map((o) => o.Key!);
}

const notice = { from: 'Counsel for the author', about: 'https://www.instagram.com/p/CTaKeDoWnA1/', receivedAt: '2026-11-30T08:00:00Z' };

describe('hide → unhide → hide → purge', () => {
  let post: PostJson;
  let other: PostJson;
  let keysOfPost: string[] = [];

  it('hide records the reason and the notice and shows a tombstone at once, keeping every byte', async () => {
    post = (await (await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/CTaKeDoWnA1/' })).json()) as PostJson;
    other = (await (await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/CByStAnDeR1/' })).json()) as PostJson;
    const before = await allKeys();
    const hashes = post.media.map((m) => new URL(m.url).pathname.split('/')[2]!);
    keysOfPost = before.filter((k) => hashes.some((hash) => k.startsWith(`media/${hash}/`)) || k.includes(post.id));
    expect(keysOfPost.length).toBeGreaterThan(20);

    const res = await h.api('POST', `/api/posts/${post.id}/hide`, { reason: 'Copyright notice 2026-114', notice });
    expect(res.status).toBe(200);
    const hidden = (await res.json()) as PostJson;
    expect(hidden).toMatchObject({
      status: 'hidden',
      caption: null,
      media: [],
      purged: false,
      hidden: { reason: 'Copyright notice 2026-114', notice },
    });
    const embed = await (await h.app.request(`/embed/${post.id}`)).text();
    expect(embed).toContain('@takedown.target');
    expect(embed).not.toContain(secret);
    expect((await h.app.request(`/oembed?url=${encodeURIComponent(post.embedUrl)}`)).status).toBe(401);
    expect(await allKeys()).toEqual(expect.arrayContaining(keysOfPost));
    expect((await h.api('POST', `/api/posts/${post.id}/hide`, { reason: 'twice' })).status).toBe(409);
  });

  it('unhide restores the post as it was after a counter-notice', async () => {
    const res = await h.api('POST', `/api/posts/${post.id}/unhide`);
    expect(res.status).toBe(200);
    const restored = (await res.json()) as PostJson;
    expect(restored).toMatchObject({ status: 'live', caption: secret, hidden: null });
    expect(restored.media).toHaveLength(2);
    expect(await (await h.app.request(`/embed/${post.id}?slide=2`)).text()).toContain(secret);
    // The tombstone covered all 20 slides; the two-item post shown again has no third one.
    expect((await h.app.request(`/embed/${post.id}?slide=3&theme=dark`)).status).toBe(404);
    expect((await h.api('POST', `/api/posts/${post.id}/unhide`)).status).toBe(409);
  });

  it('purge refuses a post that is not hidden', async () => {
    const res = await h.api('POST', `/api/posts/${post.id}/purge`, { reason: 'too early' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('conflict');
  });

  it('purge of the hidden post deletes every stored object of it; the tombstone stays; nothing else is touched', async () => {
    expect((await h.api('POST', `/api/posts/${post.id}/hide`, { reason: 'Second notice, no counter-notice' })).status).toBe(200);
    const res = await h.api('POST', `/api/posts/${post.id}/purge`, { reason: 'Court order 55' });
    expect(res.status).toBe(200);
    expect((await res.json()) as PostJson).toMatchObject({ status: 'hidden', purged: true, caption: null, media: [] });

    const after = await allKeys();
    // Listing: of everything the post had, only the re-rendered tombstone pages are back.
    const left = keysOfPost.filter((k) => after.includes(k));
    expect(left.every((k) => k.startsWith(`embed/${post.id}/`))).toBe(true);
    expect(after.filter((k) => k.startsWith('media/') && keysOfPost.includes(k))).toEqual([]);
    expect(after.filter((k) => k.startsWith(`evidence/${post.id}/`))).toEqual([]);
    // Getting: every media and evidence key of the post is gone; every page left is the tombstone.
    for (const key of keysOfPost) {
      const stored = await h.deps.objects.get(key);
      if (key.startsWith(`embed/${post.id}/`)) expect(stored?.body.toString('utf8')).not.toContain(secret);
      else expect(stored, key).toBeNull();
    }
    for (const key of after) {
      const stored = await h.deps.objects.get(key);
      expect(stored?.body.includes(Buffer.from(secret)), key).toBe(false);
    }
    for (const m of post.media) expect((await h.app.request(new URL(m.url).pathname)).status).toBe(404);
    expect(await (await h.app.request(`/embed/${post.id}`)).text()).toContain('@takedown.target');
    // The bystander keeps everything.
    expect((await h.app.request(new URL(other.media[0]!.url).pathname)).status).toBe(200);
    expect(await (await h.app.request(`/embed/${other.id}`)).text()).toContain('not part of the takedown');
  });

  it('nothing of the purged content is left in the table either, and the post cannot come back', async () => {
    const versions = await (await h.api('GET', `/api/posts/${post.id}/versions`)).text();
    expect(versions).not.toContain(secret);
    expect(JSON.parse(versions).items.length).toBeGreaterThan(0);
    expect(JSON.stringify(await h.deps.posts.get(post.id))).not.toContain(secret);
    expect((await h.api('POST', `/api/posts/${post.id}/unhide`)).status).toBe(409);
    expect((await h.api('POST', `/api/posts/${post.id}/refresh`)).status).toBe(409);
    expect((await h.api('POST', `/api/posts/${post.id}/purge`, { reason: 'again' })).status).toBe(409);
  });

  it('all three actions are in the audit log, newest first, with their actor', async () => {
    const log = (await (await h.api('GET', `/api/audit?postId=${post.id}`)).json()) as { items: AuditEvent[] };
    expect(log.items.map((e) => e.action)).toEqual(['post.purge', 'post.hide', 'post.unhide', 'post.hide', 'post.capture']);
    expect(log.items.every((e) => e.actor.id === 'admin')).toBe(true);
    expect(log.items[3]!.summary).toContain('Counsel for the author');
  });
});
