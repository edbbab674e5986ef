import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEmbedVariants } from '../../shared/embed/index.js';
import { postIdForShortcode } from '../../shared/post/post-id.js';
import type { PostJson } from '../../shared/post/post-json.js';
import { watchTableRequests } from '../support/command-counter.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

/** Captures a one-image post of pub.user with this caption, answering as the API did. */
async function capture(shortcode: string, caption: string): Promise<Response> {
  h.fake.addPost({
    shortcode,
    handle: 'pub.user',
    name: 'Pub User',
    caption,
    items: [{ type: 'image', width: 640, height: 800, path: `/v/${shortcode}.jpg` }],
  });
  return h.api('POST', '/api/posts', { url: `https://www.instagram.com/p/${shortcode}/` });
}

async function keys(prefix: string): Promise<string[]> {
  const out = await h.clients.s3.send(new ListObjectsV2Command({ Bucket: h.config.bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key ?? '');
}

describe('the embed is published alongside the record', () => {
  it('has every page of the post in storage when the capture answers 201', async () => {
    const res = await capture('PubOk00000A', 'published with the record');
    expect(res.status).toBe(201);
    const post = (await res.json()) as PostJson;
    const record = await h.deps.posts.get(post.id);
    expect((await keys(`embed/${post.id}/`)).length).toBe(listEmbedVariants(record!).length);
  });

  it('leaves no embed page and no search item behind when the record cannot be written', async () => {
    // DynamoDB refuses items over 400 KB: the record write fails after the pages were written.
    const res = await capture('PubBig0000A', 'x'.repeat(420_000));
    expect(res.status).toBeGreaterThanOrEqual(400);
    const list = (await (await h.api('GET', '/api/posts?limit=50')).json()) as { items: PostJson[] };
    expect(list.items.map((p) => p.shortcode)).not.toContain('PubBig0000A');
    const pages = await keys('embed/');
    const kept = new Set(list.items.map((p) => p.id));
    expect(pages.filter((key) => !kept.has(key.split('/')[1] ?? ''))).toEqual([]);
    // Its search items were written while its image was encoded, and are taken down again.
    const items = await h.clients.dynamo.send(new ScanCommand({ TableName: h.config.table }));
    const id = postIdForShortcode('PubBig0000A');
    expect((items.Items ?? []).filter((item) => item.id === id || item.pk === `post#${id}`)).toEqual([]);
  });

  it('writes the search items of a new post before its record, while the image is encoded', async () => {
    const sent: string[] = [];
    const stop = watchTableRequests(({ operation, input }) => {
      const { Item } = input as { Item?: { pk?: { S?: string } } };
      sent.push(operation === 'BatchWriteItem' ? 'index' : `${operation} ${Item?.pk?.S ?? ''}`);
    });
    try {
      const res = await capture('PubIdx0000A', 'indexed ahead');
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as PostJson;
      expect(sent.filter((line) => line === 'index')).toHaveLength(1);
      expect(sent.indexOf('index')).toBeLessThan(sent.indexOf(`PutItem post#${id}`));
      expect(sent.indexOf(`PutItem post#${id}`)).toBeGreaterThan(-1);
      const found = (await (await h.api('GET', '/api/posts?q=ahead')).json()) as { items: PostJson[] };
      expect(found.items.map((post) => post.id)).toEqual([id]);
    } finally {
      stop();
    }
  });
});
