import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit/event.js';
import type { PostJson } from '../../shared/post/post-json.js';
import type { RecheckSummary } from '../../shared/services/recheck.js';
import { type CommandCounts, countCommands, WRITES } from '../support/command-counter.js';
import { type Harness, startHarness } from '../support/harness.js';
import type { FakePost } from '../support/instagram-pages.js';

type VersionJson = {
  version: number;
  at: string;
  by: { id: string; name: string };
  source: string;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
};

let h: Harness;
let counts: CommandCounts;
let editorKey = '';
let editorId = '';
const original: FakePost = {
  shortcode: 'CVeRsIoNsA1',
  handle: 'versions.test',
  name: 'Versions Test',
  caption: 'What the article quoted',
  items: [{ type: 'image', width: 640, height: 800, path: '/v/versions-1.jpg' }],
};

beforeAll(async () => {
  h = await startHarness();
  counts = countCommands(h.clients);
  const editor = await h.addPerson('editor', 'Eda Editor');
  editorKey = editor.key;
  editorId = editor.person.id;
});
afterAll(async () => h?.stop());

const versions = async (id: string) => ((await (await h.api('GET', `/api/posts/${id}/versions`)).json()) as { items: VersionJson[] }).items;
const recheck = async () => (await (await h.api('POST', '/api/recheck?maxAgeHours=0&limit=50')).json()) as RecheckSummary;
const asEditor = (method: string, path: string, body?: unknown) => h.api(method, path, body, { Authorization: `Bearer ${editorKey}` });

describe('the version trail of one post', () => {
  let id = '';

  it('version 1 is the capture, by whoever archived it', async () => {
    h.fake.addPost(original);
    const post = (await (await asEditor('POST', '/api/posts', { url: 'https://www.instagram.com/p/CVeRsIoNsA1/' })).json()) as PostJson;
    id = post.id;
    expect(post.version).toBe(1);
    const [first, ...rest] = await versions(id);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ version: 1, source: 'capture', by: { id: editorId, name: 'Eda Editor' } });
    expect(first!.changes).toContainEqual({ field: 'caption', before: null, after: 'What the article quoted' });
  });

  it('an editor’s correction adds version 2 with the field’s before and after', async () => {
    const res = await asEditor('PATCH', `/api/posts/${id}`, { caption: 'What the article quoted (corrected)' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as PostJson).version).toBe(2);
    const [newest] = await versions(id);
    expect(newest).toMatchObject({
      version: 2,
      source: 'editor',
      by: { id: editorId },
      changes: [{ field: 'caption', before: 'What the article quoted', after: 'What the article quoted (corrected)' }],
    });
  });

  it('a re-check that finds nothing changed writes nothing: no object, no version, no event, only the check time', async () => {
    const eventsBefore = await events(id);
    counts.reset();
    const summary = await recheck();
    expect(summary).toMatchObject({ checked: 1, unchanged: 1, changed: 0, failed: 0 });
    expect(counts.total('s3', WRITES.s3)).toBe(0);
    // One conditional UpdateItem of checkedAt, which orders the next re-checks.
    expect(counts.total('dynamo', ['PutItem'])).toBe(0);
    expect(counts.total('dynamo', WRITES.dynamo)).toBe(1);
    expect((await versions(id)).map((v) => v.version)).toEqual([2, 1]);
    expect(await events(id)).toEqual(eventsBefore);
  });

  it('a re-check that finds the caption edited on Instagram adds a version by the system, and the embed keeps the quoted copy', async () => {
    h.fake.addPost({ ...original, caption: 'Edited after the article quoted it' });
    counts.reset();
    expect(await recheck()).toMatchObject({ checked: 1, changed: 1 });
    // The images are the same bytes: nothing encoded or uploaded but the re-rendered embed pages and the evidence.
    expect(counts.s3.PutObjectCommand ?? 0).toBeGreaterThan(0);
    const [newest] = await versions(id);
    expect(newest).toMatchObject({
      version: 3,
      source: 'recheck',
      by: { id: 'system', name: 're-check' },
      changes: [{ field: 'caption', before: 'What the article quoted', after: 'Edited after the article quoted it' }],
    });
    const post = (await (await h.api('GET', `/api/posts/${id}`)).json()) as PostJson;
    expect(post.caption).toBe('What the article quoted (corrected)');
    expect(post.version).toBe(3);
    expect(post.editedOnInstagramAt).not.toBeNull();
    const embed = await (await h.app.request(`/embed/${id}`)).text();
    expect(embed).toContain('Edited on Instagram since');
    expect(embed).toContain('What the article quoted (corrected)');
    expect(embed).not.toContain('Edited after the article quoted it');
  });

  it('the same edit found again is not a new version', async () => {
    counts.reset();
    expect(await recheck()).toMatchObject({ unchanged: 1 });
    expect(counts.total('s3', WRITES.s3)).toBe(0);
    expect((await versions(id))[0]!.version).toBe(3);
  });

  it('new media on Instagram: only the new image is archived, and a version names the hashes', async () => {
    h.fake.addPost({
      ...original,
      caption: 'Edited after the article quoted it',
      items: [{ type: 'image', width: 640, height: 800, path: '/v/versions-2.jpg' }],
    });
    counts.reset();
    expect(await recheck()).toMatchObject({ changed: 1 });
    const [newest] = await versions(id);
    expect(newest).toMatchObject({ version: 4, source: 'recheck', changes: [{ field: 'media' }] });
    const [change] = newest!.changes;
    const [after] = change!.after as string[];
    expect(change!.before).not.toEqual(change!.after);
    expect(await h.deps.objects.exists(`media/${after}/640.avif`)).toBe(true);
  });

  it('the audit log names every action on the post, newest first, and filters by person', async () => {
    const actions = (await events(id)).map((e) => `${e.action} by ${e.actor.id}`);
    expect(actions).toEqual([
      'post.recheck by system',
      'post.recheck by system',
      `post.correct by ${editorId}`,
      `post.capture by ${editorId}`,
    ]);
    const mine = (await (await h.api('GET', `/api/audit?personId=${editorId}`)).json()) as { items: AuditEvent[] };
    expect(mine.items.map((e) => e.action)).toEqual(['post.correct', 'post.capture']);
    const paged = (await (await h.api('GET', `/api/audit?postId=${id}&limit=3`)).json()) as { items: AuditEvent[]; cursor: string | null };
    expect(paged.items).toHaveLength(3);
    const rest = (await (await h.api('GET', `/api/audit?postId=${id}&limit=3&cursor=${paged.cursor}`)).json()) as { items: AuditEvent[] };
    expect(rest.items.map((e) => e.action)).toEqual(['post.capture']);
  });
});

async function events(postId: string): Promise<AuditEvent[]> {
  const res = await h.api('GET', `/api/audit?postId=${postId}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: AuditEvent[] }).items;
}

describe('a post kept from an article', () => {
  it('is version 1 with source rescue, by the editor who rescued it, and the audit log says so', async () => {
    const leftover =
      'View this post on Instagram\n\nThe last night of the versions tour\n\nA post shared by Vera Sion (@vera.sion) on Feb 15, 2020 at 4:21pm PST';
    const res = await h.api('POST', '/api/rescue', leftover, { 'Content-Type': 'text/plain', Authorization: `Bearer ${editorKey}` });
    expect(res.status).toBe(200);
    const [rescued] = ((await res.json()) as { posts: Array<PostJson & { outcome: string }> }).posts;
    expect(rescued).toMatchObject({ outcome: 'article-only', version: 1 });
    const [first, ...rest] = await versions(rescued!.id);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ version: 1, source: 'rescue', by: { id: editorId } });
    expect((await events(rescued!.id)).map((e) => `${e.action} by ${e.actor.id}`)).toEqual([`rescue by ${editorId}`]);
  });
});
