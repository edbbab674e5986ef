import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal, type JournalEntry } from '../../shared/adapters/journal.js';
import { PostReader } from '../../shared/adapters/post-reader.js';
import { PostTable } from '../../shared/adapters/post-table.js';
import { SignedDynamo } from '../../shared/adapters/signed-dynamo.js';
import { toEvent } from '../../shared/audit/event.js';
import { ConflictError } from '../../shared/errors.js';
import { ADMIN_KEY_PRINCIPAL } from '../../shared/people/person.js';
import { postIdForShortcode } from '../../shared/post/post-id.js';
import { type Harness, startHarness } from '../support/harness.js';
import { postRecord } from '../support/records.js';

/** A journal whose copy-out fails once, as a process dying between the two writes would leave it. */
class StoppingJournal extends Journal {
  stopNext = true;
  override async finish(pk: string, sk: string, revision: number, journal: JournalEntry): Promise<void> {
    if (this.stopNext) {
      this.stopNext = false;
      throw new Error('the process stopped here');
    }
    return super.finish(pk, sk, revision, journal);
  }
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const at = new Date('2026-12-01T10:00:00.000Z');
const eventFor = (postId: string, summary: string) =>
  toEvent({ actor: ADMIN_KEY_PRINCIPAL, action: 'post.correct', postId, summary }, at, Math.random().toString(36).slice(2, 10));

describe('an action and its event, without transactions', () => {
  it('a write that stops after its item is finished by the next reader: the event and version appear, once', async () => {
    const stopping = new StoppingJournal(h.clients.dynamo, h.config.table);
    const table = new PostTable(h.clients.dynamo, h.config.table, stopping);
    const record = postRecord({ id: 'aaaaaaaaaaaaaaaaaaa1', shortcode: 'CJoUrNaLaA1' });
    await table.create(record);
    const next = { ...record, caption: 'changed', version: 2, revision: 2 };
    const event = eventFor(record.id, 'the stopped write');
    const version = {
      postId: record.id,
      version: 2,
      at: at.toISOString(),
      by: ADMIN_KEY_PRINCIPAL,
      source: 'editor' as const,
      changes: [],
    };
    await expect(table.replace(next, { events: [event], versions: [version] })).rejects.toThrow('the process stopped here');

    // The audit log finishes what the stopped write left before it answers.
    const res = await h.api('GET', `/api/audit?postId=${record.id}`);
    expect(((await res.json()) as { items: Array<{ id: string }> }).items.map((e) => e.id)).toEqual([event.id]);
    const versions = (await (await h.api('GET', `/api/posts/${record.id}/versions`)).json()) as { items: Array<{ version: number }> };
    expect(versions.items.map((v) => v.version)).toEqual([2]);
    expect(await h.deps.journal.finishPending()).toBe(0);
    // Finishing twice writes nothing twice.
    await stopping.finish(`post#${record.id}`, 'post', 2, { events: [event], versions: [version] });
    const again = (await (await h.api('GET', `/api/audit?postId=${record.id}`)).json()) as { items: unknown[] };
    expect(again.items).toHaveLength(1);
  });

  it('the next write of an item whose journal was left unfinished writes that journal out first', async () => {
    const stopping = new StoppingJournal(h.clients.dynamo, h.config.table);
    const table = new PostTable(h.clients.dynamo, h.config.table, stopping);
    const record = postRecord({ id: 'aaaaaaaaaaaaaaaaaaa3', shortcode: 'CJoUrNaLaA3' });
    await table.create(record);
    stopping.stopNext = true;
    const first = eventFor(record.id, 'left unfinished');
    await expect(table.replace({ ...record, caption: 'one', revision: 2 }, { events: [first], versions: [] })).rejects.toThrow();
    const second = eventFor(record.id, 'the next write');
    await table.replace({ ...record, caption: 'two', revision: 3 }, { events: [second], versions: [] });
    const listed = await h.deps.journal.listEvents({ postId: record.id }, 10, null);
    expect(listed.items.map((e) => e.summary).sort()).toEqual(['left unfinished', 'the next write']);
  });

  it("the oEmbed function's reader sees the record beside an unfinished journal, as the table does", async () => {
    const stopping = new StoppingJournal(h.clients.dynamo, h.config.table);
    const table = new PostTable(h.clients.dynamo, h.config.table, stopping);
    const record = postRecord({ id: postIdForShortcode('CJoUrNaLaA4'), shortcode: 'CJoUrNaLaA4' });
    await table.create(record);
    stopping.stopNext = true;
    const next = { ...record, caption: 'written, journal not yet out', revision: 2 };
    await expect(table.replace(next, { events: [eventFor(record.id, 'pending')], versions: [] })).rejects.toThrow();
    const reader = new PostReader(
      new SignedDynamo(h.config, { timeouts: { connectionTimeoutMs: 5_000, requestTimeoutMs: 20_000, maxAttempts: 2 } }),
      h.config.table,
    );
    const read = await reader.get(record.id);
    expect(read).toEqual(await table.get(record.id));
    expect(read).toMatchObject({ caption: 'written, journal not yet out', revision: 2 });
    expect(Object.keys(read ?? {}).filter((key) => /^(journal|pk|sk|gsi\d)/.test(key))).toEqual([]);
    expect((await reader.getByShortcode('CJoUrNaLaA4')).record?.id).toBe(record.id);
  });

  it('a write that loses its condition leaves no event: there is no event without its action', async () => {
    const record = postRecord({ id: 'aaaaaaaaaaaaaaaaaaa2', shortcode: 'CJoUrNaLaA2' });
    await h.deps.posts.create(record);
    const stale = { ...record, caption: 'from a stale read', revision: 5 };
    await expect(h.deps.posts.replace(stale, { events: [eventFor(record.id, 'lost the race')], versions: [] })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const res = await h.api('GET', `/api/audit?postId=${record.id}`);
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
    expect((await h.deps.posts.get(record.id))?.caption).toBe(record.caption);
  });

  it('refuses a cursor it did not hand out', async () => {
    const forged = Buffer.from(JSON.stringify({ pk: 'post#x', sk: 'post' })).toString('base64url');
    const res = await h.api('GET', `/api/audit?cursor=${forged}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_cursor');
  });

  it('no route writes or deletes an event', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await h.api(method, '/api/audit', method === 'DELETE' ? undefined : { action: 'post.hide' });
      expect(res.status, method).toBe(404);
    }
  });
});
