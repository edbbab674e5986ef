import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostTable } from '../../shared/adapters/post-table.js';
import type { PostRecord } from '../../shared/post/post.js';
import type { PostJson } from '../../shared/post/post-json.js';
import { type PostWriteDeps, withdrawIndex } from '../../shared/services/post-writer.js';
import { PHOTO } from '../browser/posts.js';
import { watchTableRequests } from '../support/command-counter.js';
import { type Harness, startHarness } from '../support/harness.js';
import { postRecord } from '../support/records.js';

let h: Harness;
/** Every DynamoDB request the service sends, by operation: proof that a search scans nothing. */
const sent: string[] = [];
const HANDLES = ['ana.rivera', 'ben_okafor', 'chloe.dubois', 'dmitri'];
const WORDS = ['harbour', 'sunrise', 'market', 'protest', 'stadium'];
const SEEDED = 120;

function seeded(i: number): PostRecord {
  const id = (i + 1).toString(16).padStart(20, 'a');
  return postRecord({
    id,
    shortcode: `S${String(i).padStart(10, '0')}`,
    author: { handle: HANDLES[i % HANDLES.length]!, name: `Person ${HANDLES[i % HANDLES.length]!.split(/[._]/)[0]}` },
    caption: `Morning at the ${WORDS[i % WORDS.length]} number${i}`,
    status: i % 10 === 0 ? 'removed' : 'live',
    removedAt: i % 10 === 0 ? `2026-11-${String(10 + i / 10).padStart(2, '0')}T00:00:00.000Z` : null,
    capturedAt: new Date(Date.UTC(2026, 9, 1) + i * 3_600_000).toISOString(),
  });
}

const ids = (res: { items: PostJson[] }) => res.items.map((post) => post.id);
/** Every item of one partition of the table, read directly. */
async function itemsOf(pk: string): Promise<Record<string, unknown>[]> {
  const out = await h.clients.dynamo.send(
    new QueryCommand({ TableName: h.config.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': pk } }),
  );
  return out.Items ?? [];
}
async function search(query: string): Promise<{ items: PostJson[]; cursor: string | null }> {
  const res = await h.api('GET', `/api/posts?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { items: PostJson[]; cursor: string | null };
}

beforeAll(async () => {
  h = await startHarness();
  watchTableRequests(({ operation }) => sent.push(operation));
  const write = pLimit(8);
  await Promise.all(
    Array.from({ length: SEEDED }, (_, i) =>
      write(async () => {
        const record = seeded(i);
        await h.deps.posts.create(record);
        await h.deps.search.update(record);
      }),
    ),
  );
  h.fake.addPost(PHOTO);
  expect((await h.api('POST', '/api/posts', { url: `https://www.instagram.com/p/${PHOTO.shortcode}/` })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('GET /api/posts?q&status', () => {
  it('finds a captured post by handle prefix, display name, caption word, shortcode and URL, and reads no Scan', async () => {
    sent.length = 0;
    for (const q of ['conn', 'Connor Jessup', 'beach', 'caption', PHOTO.shortcode, `https://instagram.com/p/${PHOTO.shortcode}/?igsh=x`]) {
      const found = await search(`q=${encodeURIComponent(q)}`);
      expect(
        found.items.map((post) => post.shortcode),
        q,
      ).toEqual(q === 'beach' ? [] : [PHOTO.shortcode]);
    }
    expect(sent).not.toContain('Scan');
    expect(sent.filter((name) => name === 'Query').length).toBeGreaterThan(0);
  });

  it('lists every match newest first across pages, none twice', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: PostJson[]; cursor: string | null } = await search(
        `q=harbour&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...ids(page));
      cursor = page.cursor;
      pages += 1;
    } while (cursor && pages < 20);
    const expected = Array.from({ length: SEEDED }, (_, i) => seeded(i))
      .filter((record) => record.caption?.includes('harbour'))
      .sort((a, b) => b.capturedAt.localeCompare(a.capturedAt))
      .map((record) => record.id);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 7));
  });

  it('needs every term: handle prefix and caption word together', async () => {
    const found = await search('q=ana+market');
    const expected = Array.from({ length: SEEDED }, (_, i) => seeded(i)).filter(
      (record) => record.author.handle === 'ana.rivera' && record.caption?.includes('market'),
    );
    expect(found.items).toHaveLength(expected.length);
    expect(found.items.every((post) => post.author.handle === 'ana.rivera' && post.caption?.includes('market'))).toBe(true);
  });

  it('filters by status, alone and with a query', async () => {
    const removed = await search('status=removed&limit=100');
    expect(removed.items).toHaveLength(SEEDED / 10);
    expect(removed.items.every((post) => post.status === 'removed')).toBe(true);
    const removedAna = await search('status=removed&q=ana&limit=100');
    expect(removedAna.items.every((post) => post.status === 'removed' && post.author.handle === 'ana.rivera')).toBe(true);
    expect(removedAna.items.length).toBeGreaterThan(0);
  });

  it('lists posts found removed after a time, most recent removal first', async () => {
    const found = await search(`status=removed&removedSince=${encodeURIComponent('2026-11-17T00:00:00.000Z')}`);
    expect(found.items.map((post) => post.removedAt)).toEqual([21, 20, 19, 18].map((day) => `2026-11-${day}T00:00:00.000Z`));
    expect(found.items.every((post) => (post.removedAt ?? '') > '2026-11-17T00:00:00.000Z')).toBe(true);
    const times = found.items.map((post) => post.removedAt ?? '');
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('follows a correction and a takedown: the index changes with the record', async () => {
    const [photo] = (await search(`q=${PHOTO.shortcode}`)).items;
    const patched = await h.api('PATCH', `/api/posts/${photo!.id}`, { caption: 'Lighthouse at low tide' });
    expect(patched.status).toBe(200);
    expect(ids(await search('q=lighthouse'))).toEqual([photo!.id]);
    expect(ids(await search('q=caption'))).toEqual([]);
    expect((await h.api('POST', `/api/posts/${photo!.id}/hide`, { reason: 'Request from the author' })).status).toBe(200);
    expect(ids(await search('status=hidden'))).toEqual([photo!.id]);
    expect(ids(await search('status=live&q=lighthouse'))).toEqual([]);
  });

  it('never answers a post an index item points at when the record does not match', async () => {
    const record = seeded(3);
    await h.clients.dynamo.send(
      new PutCommand({ TableName: h.config.table, Item: { pk: 'idx#t#zeppelin', sk: `${record.capturedAt}#${record.id}`, id: record.id } }),
    );
    expect((await search('q=zeppelin')).items).toEqual([]);
  });

  it('answers a post once when an item of an earlier, failed capture of it is left behind', async () => {
    // A capture writes its search items while its images are encoded; one that failed and could
    // not take them down leaves items under its own capture time, newer than the record's.
    const record = seeded(5);
    const earlier = `2027-01-01T00:00:00.000Z#${record.id}`;
    for (const pk of ['idx#t#harbour', `idx#s#${record.status}`]) {
      await h.clients.dynamo.send(new PutCommand({ TableName: h.config.table, Item: { pk, sk: earlier, id: record.id } }));
    }
    // Once each, where its own capture time puts it.
    const expected = Array.from({ length: SEEDED }, (_, i) => seeded(i))
      .filter((other) => other.caption?.includes('harbour'))
      .sort((a, b) => b.capturedAt.localeCompare(a.capturedAt))
      .map((other) => other.id);
    expect(ids(await search('q=harbour&limit=100'))).toEqual(expected);
    const live: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: PostJson[]; cursor: string | null } = await search(
        `status=live&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      live.push(...ids(page));
      cursor = page.cursor;
    } while (cursor);
    expect(live.filter((id) => id === record.id)).toEqual([record.id]);
    expect(new Set(live).size).toBe(live.length);
  });

  it('takes down what a losing capture wrote ahead, and none of what the post that stands needs', async () => {
    const id = 'ffffffffffffffff0001';
    const winner = postRecord({ id, shortcode: 'RaceWin000A', caption: 'regatta', capturedAt: '2026-12-01T10:00:00.000Z' });
    const loser = { ...winner, capturedAt: '2026-12-01T10:00:00.004Z' };
    await h.deps.search.indexNew([winner]);
    await h.deps.search.indexNew([loser]);
    await h.deps.search.withdrawNew(loser, winner);
    // Two captures in the same millisecond write the same keys: the loser's are the winner's.
    await h.deps.search.withdrawNew({ ...winner }, winner);
    expect((await itemsOf('idx#t#regatta')).map((item) => item.sk)).toEqual([`${winner.capturedAt}#${id}`]);
    // The loser's ahead-write had replaced the manifest: it names the winner's keys again.
    const [manifest] = await itemsOf(`post#${id}`);
    expect(((manifest?.keys ?? []) as string[]).filter((key) => key.startsWith('idx#t#regatta'))).toEqual([
      `idx#t#regatta\n${winner.capturedAt}#${id}`,
    ]);
    // No record was created for a capture that failed outright: its manifest goes too.
    const lone = postRecord({ id: 'ffffffffffffffff0002', shortcode: 'RaceLone00A', caption: 'regatta' });
    await h.deps.search.indexNew([lone]);
    await h.deps.search.withdrawNew(lone, null);
    expect(await itemsOf(`post#${lone.id}`)).toEqual([]);
    expect((await itemsOf('idx#t#regatta')).map((item) => item.id)).toEqual([id]);
  });

  it('a failed capture spares what the post archived meanwhile needs, and takes nothing down when it cannot tell', async () => {
    const id = 'ffffffffffffffff0003';
    const archived = postRecord({ id, shortcode: 'RaceWon000A', caption: 'schooner', capturedAt: '2026-12-01T11:00:00.000Z' });
    await h.deps.posts.create(archived);
    await h.deps.search.indexNew([archived]);
    const failed = { ...archived, capturedAt: '2026-12-01T11:00:00.009Z' };
    await h.deps.search.indexNew([failed]);
    const indexAhead = {
      write: async () => {},
      withdraw: (record: PostRecord, kept: PostRecord | null) => h.deps.search.withdrawNew(record, kept),
    };
    // The store cannot be read: the items might be the archived post's own, so they stay.
    const unreadable = { ...h.deps.posts, get: () => Promise.reject(new Error('DynamoDB is down')) } as unknown as PostTable;
    await withdrawIndex({ ...h.deps, posts: unreadable, indexAhead } as unknown as PostWriteDeps, failed);
    expect(await itemsOf('idx#t#schooner')).toHaveLength(2);
    await withdrawIndex({ ...h.deps, indexAhead } as unknown as PostWriteDeps, failed);
    expect((await itemsOf('idx#t#schooner')).map((item) => item.sk)).toEqual([`${archived.capturedAt}#${id}`]);
    expect(ids(await search('q=schooner'))).toEqual([id]);
  });

  it('refuses a cursor it did not hand out, and an unknown status', async () => {
    expect((await h.api('GET', '/api/posts?q=harbour&cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    const other = await search('q=sunrise&limit=2');
    expect((await h.api('GET', `/api/posts?q=harbour&cursor=${encodeURIComponent(other.cursor!)}`)).status).toBe(400);
    expect((await h.api('GET', '/api/posts?status=deleted')).status).toBe(400);
  });
});
