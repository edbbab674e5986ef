import { BatchWriteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import { InvalidInputError } from '../errors.js';
import type { PostRecord, PostStatus } from '../post/post.js';
import { drivingTerm, matchesTerms, type SearchQuery, toSearchTokens } from '../search/tokens.js';
import type { DocumentClient } from './document-client.js';
import type { PostPage, PostTable } from './post-table.js';

/**
 * The library's search and status filter without scanning the table (docs/adr/0012-library-search-index.md).
 * Each record is listed, newest first, in small partitions of the same table:
 *
 *   idx#t#<token>   one item per search token (shared/search/tokens.ts), sort key capturedAt#id
 *   idx#s#<status>  one item per record in its status
 *   idx#removed     records found removed, sort key removedAt#id (the activity page)
 *   post#<id>/index the keys last written for the record, so stale ones can be deleted
 *
 * A query reads one partition and checks every candidate against the record itself, so an
 * index item left behind by an interrupted update can only cost a read, never a wrong answer.
 */
interface IndexKey {
  readonly pk: string;
  readonly sk: string;
}

/** Candidates read per query before answering with a cursor, so one page never reads without end. */
const MAX_EXAMINED = 1_000;
const READ_BATCH = 100;
/** Batch writes of one index change in flight at once. */
const WRITES_AT_ONCE = 4;
const REMOVED = 'idx#removed';

export class SearchIndex {
  constructor(
    private readonly dynamo: DocumentClient,
    private readonly table: string,
    private readonly posts: PostTable,
  ) {}

  /** Brings the record's index items in line with the record; runs after every change (the publish hook). */
  async update(record: PostRecord): Promise<void> {
    const wanted = indexKeys(record);
    const manifest = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { pk: `post#${record.id}`, sk: 'index' }, ConsistentRead: true }),
    );
    const before = new Set<string>((manifest.Item?.keys as string[] | undefined) ?? []);
    const wantedSet = new Set(wanted.map(joinKey));
    const stale = [...before].filter((key) => !wantedSet.has(key)).map(splitKey);
    // Every wanted item is written again (idempotent), so an earlier interrupted update heals
    // here. The manifest rides in the same batch: one that lands before a stale delete does
    // leaves an item behind, which costs a read, never a wrong answer (see above).
    await this.batchWrite([
      ...wanted.map((key) => ({ PutRequest: { Item: { ...key, id: record.id } } })),
      ...stale.map((key) => ({ DeleteRequest: { Key: key } })),
      manifestWrite(record.id, [...wantedSet]),
    ]);
  }

  /**
   * Indexes records never indexed before in a few batch writes, without reading manifests: a
   * record just created (records are never deleted, so its id has no manifest yet), or an
   * archive loaded at once (the benchmark's 10,000 posts).
   */
  async indexNew(records: readonly PostRecord[]): Promise<void> {
    const requests = records.flatMap((record) => {
      const keys = indexKeys(record);
      return [...keys.map((key) => ({ PutRequest: { Item: { ...key, id: record.id } } })), manifestWrite(record.id, keys.map(joinKey))];
    });
    await this.batchWrite(requests);
  }

  /**
   * Takes down the items `indexNew` wrote for a record that was then not created (its capture
   * failed, or another capture of the post won), sparing those the record that stands (`kept`)
   * also has: two captures in the same millisecond share every key. The manifest, which this
   * record's write may have replaced, goes too, or names `kept`'s keys again when it stands.
   */
  async withdrawNew(record: PostRecord, kept: PostRecord | null): Promise<void> {
    const keptKeys = kept ? indexKeys(kept).map(joinKey) : [];
    const spared = new Set(keptKeys);
    const deletes = indexKeys(record)
      .filter((key) => !spared.has(joinKey(key)))
      .map((key) => ({ DeleteRequest: { Key: key } }));
    const manifest = kept ? manifestWrite(kept.id, keptKeys) : { DeleteRequest: { Key: { pk: `post#${record.id}`, sk: 'index' } } };
    await this.batchWrite([...deletes, manifest]);
  }

  /** `GET /api/posts?q&status`: newest first; `null` query and status is the plain list. */
  async search(query: SearchQuery, status: PostStatus | null, limit: number, cursor: string | null): Promise<PostPage> {
    if (query.kind === 'shortcode') {
      if (cursor) return { items: [], cursor: null };
      const { record } = await this.posts.getByShortcode(query.shortcode);
      return { items: record && (status === null || record.status === status) ? [record] : [], cursor: null };
    }
    if (query.kind === 'none' && status === null) return this.posts.list(limit, cursor);
    const terms = query.kind === 'terms' ? query.terms : [];
    const partition = terms.length > 0 ? `idx#t#${drivingTerm(terms)}` : `idx#s#${status}`;
    const keep = (record: PostRecord) => (status === null || record.status === status) && matchesTerms(record, terms);
    return this.walk(partition, keep, limit, cursor);
  }

  /** Records found removed on Instagram after `since`, most recent removal first. */
  async removedSince(since: string, limit: number): Promise<PostRecord[]> {
    const page = await this.walk(
      REMOVED,
      (record) => record.status === 'removed' && record.removedAt !== null && record.removedAt > since,
      limit,
      null,
      { after: since },
    );
    return [...page.items];
  }

  private async walk(
    partition: string,
    keep: (record: PostRecord) => boolean,
    limit: number,
    cursor: string | null,
    range: { after?: string } = {},
  ): Promise<PostPage> {
    const items: PostRecord[] = [];
    let start: IndexKey | undefined = cursor ? decodeIndexCursor(cursor, partition) : undefined;
    let examined = 0;
    for (;;) {
      const out = await this.dynamo.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: range.after ? 'pk = :p AND sk > :after' : 'pk = :p',
          ExpressionAttributeValues: { ':p': partition, ...(range.after ? { ':after': range.after } : {}) },
          ScanIndexForward: false,
          Limit: READ_BATCH,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const found = (out.Items ?? []) as Array<IndexKey & { id: string }>;
      const records = await this.posts.getMany(found.map((item) => item.id));
      for (const item of found) {
        examined += 1;
        const record = records.get(item.id);
        // An item is the record's only where the record would write it: one left by a capture that
        // lost a race, or by an interrupted update, is passed over, never a second hit.
        if (record && item.sk === orderKey(item.pk, record) && keep(record)) items.push(record);
        if (items.length >= limit || examined >= MAX_EXAMINED) {
          const last = { pk: item.pk, sk: item.sk };
          const more = item !== found[found.length - 1] || out.LastEvaluatedKey !== undefined;
          return { items, cursor: more ? encodeIndexCursor(last) : null };
        }
      }
      if (!out.LastEvaluatedKey) return { items, cursor: null };
      start = out.LastEvaluatedKey as unknown as IndexKey;
    }
  }

  /**
   * Batches of 25 (DynamoDB's most), a few at a time: a caption of 40 words and a name make about
   * 80 items, four batches, which one after another would take four round trips.
   */
  private async batchWrite(requests: Array<Record<string, unknown>>): Promise<void> {
    const limit = pLimit(WRITES_AT_ONCE);
    const batches: Array<Promise<void>> = [];
    for (let i = 0; i < requests.length; i += 25) {
      const batch = requests.slice(i, i + 25);
      batches.push(limit(() => this.writeBatch(batch)));
    }
    // Every batch is settled before the first failure is answered, so none rejects unobserved.
    const failed = (await Promise.allSettled(batches)).find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async writeBatch(batch: Array<Record<string, unknown>>): Promise<void> {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= 8) throw new Error('The search index could not be written; the table is throttling.');
      const out = await this.dynamo.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
      pending = (out.UnprocessedItems?.[this.table] ?? []) as typeof pending;
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

/** The index items a record should have, derived from the record alone. */
export function indexKeys(record: PostRecord): IndexKey[] {
  const partitions = [...toSearchTokens(record)].map((token) => `idx#t#${token}`);
  partitions.push(`idx#s#${record.status}`);
  if (record.status === 'removed' && record.removedAt) partitions.push(REMOVED);
  return partitions.map((pk) => ({ pk, sk: orderKey(pk, record) }));
}

/** Do two forms of a record have the same index items? */
export function sameIndexKeys(a: PostRecord, b: PostRecord): boolean {
  const keys = indexKeys(a).map(joinKey);
  const others = new Set(indexKeys(b).map(joinKey));
  return keys.length === others.size && keys.every((key) => others.has(key));
}

/** The sort key the record's item has in a partition: the time of its removal there, else its capture. */
function orderKey(partition: string, record: PostRecord): string {
  return `${partition === REMOVED ? record.removedAt : record.capturedAt}#${record.id}`;
}

const joinKey = (key: IndexKey) => `${key.pk}\n${key.sk}`;
const splitKey = (joined: string): IndexKey => {
  const at = joined.indexOf('\n');
  return { pk: joined.slice(0, at), sk: joined.slice(at + 1) };
};

function encodeIndexCursor(key: IndexKey): string {
  return Buffer.from(JSON.stringify({ i: key.pk, s: key.sk }), 'utf8').toString('base64url');
}

function decodeIndexCursor(cursor: string, partition: string): IndexKey {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { i?: unknown; s?: unknown };
    if (value.i === partition && typeof value.s === 'string') return { pk: partition, sk: value.s };
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError('invalid_cursor', 'The cursor is not one this service handed out for this search.');
}

/** The record's manifest: the index keys last written for it. */
function manifestWrite(id: string, keys: readonly string[]) {
  return { PutRequest: { Item: { pk: `post#${id}`, sk: 'index', keys: [...keys] } } };
}
