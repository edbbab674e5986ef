import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../errors.js';
import type { PostRecord } from '../post/post.js';
import type { Version } from '../post/versions.js';
import type { DocumentClient } from './document-client.js';
import { decodeCursor, EMPTY_JOURNAL, encodeCursor, isConditionFailure, type Journal, type JournalEntry } from './journal.js';
import {
  aliasKey,
  dueForRecheck,
  fromItem,
  getByShortcode,
  LIST_PARTITION,
  type PostItem,
  type PostLookup,
  postKey,
  RECHECK_PARTITION,
  toItem,
} from './post-keys.js';

export interface PostPage {
  readonly items: readonly PostRecord[];
  readonly cursor: string | null;
}

/**
 * Records, their versions and aliases, with single-item conditional writes only (dynalite has no
 * transactions, docs/adr/0008-people-events-versions-data-model.md); the layout is in post-keys.ts.
 */
export class PostTable implements PostLookup {
  constructor(
    private readonly dynamo: DocumentClient,
    private readonly table: string,
    private readonly journal: Journal,
  ) {}

  async get(id: string): Promise<PostRecord | null> {
    const out = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { pk: postKey(id), sk: 'post' }, ConsistentRead: true }),
    );
    return out.Item ? fromItem(out.Item as PostItem) : null;
  }

  /**
   * Writes a new record with its journal (capture event, version 1); when the id is taken,
   * throws ConflictError carrying the stored record.
   */
  async create(record: PostRecord, journal: JournalEntry = EMPTY_JOURNAL): Promise<void> {
    try {
      await this.journal.write({ item: toItem(record), condition: 'attribute_not_exists(pk)', journal });
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError('This post is already archived.', await this.get(record.id));
      throw error;
    }
  }

  /**
   * Replaces a record, with its journal, only if nobody wrote it since `record.revision - 1` was
   * read. A journal an earlier write left unfinished is written out first, so it is never lost.
   */
  async replace(record: PostRecord, journal: JournalEntry = EMPTY_JOURNAL): Promise<void> {
    try {
      await this.journal.write({
        item: toItem(record),
        condition: '#revision = :expected OR (attribute_not_exists(#revision) AND #version = :expected)',
        names: { '#revision': 'revision', '#version': 'version' },
        values: { ':expected': record.revision - 1 },
        journal,
      });
    } catch (error) {
      if (isConditionFailure(error))
        throw new ConflictError('The post changed while this update ran; retry it.', await this.get(record.id));
      throw error;
    }
  }

  /**
   * A check that found the post as it was: only the time of the check moves (it orders the next
   * re-checks), conditional on the revision read so it cannot undo a write made meanwhile.
   */
  async touchChecked(record: PostRecord, at: Date): Promise<void> {
    const checkedAt = at.toISOString();
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: postKey(record.id), sk: 'post' },
          UpdateExpression: dueForRecheck(record) ? 'SET checkedAt = :at, gsi3sk = :due' : 'SET checkedAt = :at',
          ConditionExpression: '#revision = :r OR (attribute_not_exists(#revision) AND #version = :r)',
          ExpressionAttributeNames: { '#revision': 'revision', '#version': 'version' },
          ExpressionAttributeValues: {
            ':at': checkedAt,
            ':r': record.revision,
            ...(dueForRecheck(record) ? { ':due': `${checkedAt}#${record.id}` } : {}),
          },
        }),
      );
    } catch (error) {
      // Someone wrote the record meanwhile, and that write set its own check time.
      if (!isConditionFailure(error)) throw error;
    }
  }

  /**
   * The posts checked longest ago, at most `limit`, checked no later than `dueBefore`: one Query
   * of the sparse gsi3 index (only posts that can be re-checked are in it), never a scan.
   */
  async listDue(dueBefore: Date, limit: number): Promise<PostRecord[]> {
    const out = await this.dynamo.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :p AND gsi3sk <= :due',
        ExpressionAttributeValues: { ':p': RECHECK_PARTITION, ':due': `${dueBefore.toISOString()}#~` },
        ScanIndexForward: true,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => fromItem(item as PostItem));
  }

  /** Every version of a post, newest first. */
  async listVersions(id: string): Promise<Version[]> {
    return this.journal.listVersions(id);
  }

  /**
   * A purge forgets archived content in the versions too: each keeps who changed which field
   * when, but no longer the values (the only rewrite of a version, and only by a purge).
   */
  async redactVersions(id: string): Promise<void> {
    for (const version of await this.journal.listVersions(id)) {
      const changes = version.changes.map((change) => ({ field: change.field, before: null, after: null }));
      await this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...version, changes, redacted: true, pk: postKey(id), sk: `version#${String(version.version).padStart(6, '0')}` },
        }),
      );
    }
  }

  /** Finishes a journal a write of this record left behind (see Journal). */
  async finishJournal(id: string): Promise<void> {
    const out = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { pk: postKey(id), sk: 'post' }, ConsistentRead: true }),
    );
    const item = out.Item as (PostItem & { journal?: JournalEntry }) | undefined;
    if (item?.journal) await this.journal.finish(item.pk, item.sk, item.revision ?? item.version, item.journal);
  }

  /** See getByShortcode in post-keys.ts. */
  getByShortcode(shortcode: string, options: { readonly expectNew?: boolean } = {}): Promise<{ id: string; record: PostRecord | null }> {
    return getByShortcode(this, shortcode, options);
  }

  /** Which record holds a shortcode when it is not the one derived from it (a URL attached later). */
  async getAlias(shortcode: string): Promise<string | null> {
    const out = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { pk: aliasKey(shortcode), sk: 'alias' }, ConsistentRead: true }),
    );
    return typeof out.Item?.postId === 'string' ? out.Item.postId : null;
  }

  /** Points a shortcode at a record, once: a shortcode already taken by another record is a conflict. */
  async putAlias(shortcode: string, postId: string): Promise<void> {
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: aliasKey(shortcode), sk: 'alias', postId },
          ConditionExpression: 'attribute_not_exists(pk) OR postId = :id',
          ExpressionAttributeValues: { ':id': postId },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError('That URL is already attached to another post.', null);
      throw error;
    }
  }

  async list(limit: number, cursor: string | null, order: 'newest' | 'oldest' = 'newest'): Promise<PostPage> {
    const out = await this.dynamo.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': LIST_PARTITION },
        ScanIndexForward: order === 'oldest',
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor, 'gsi1') } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map((item) => fromItem(item as PostItem)),
      cursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : null,
    };
  }

  /** Up to 100 records by id in one BatchGet (the library's search reads its candidates so). */
  async getMany(ids: readonly string[]): Promise<Map<string, PostRecord>> {
    const records = new Map<string, PostRecord>();
    let keys = [...new Set(ids)].slice(0, 100).map((id) => ({ pk: postKey(id), sk: 'post' }));
    for (let attempt = 0; keys.length > 0; attempt += 1) {
      if (attempt >= 8) throw new Error('The table kept throttling a batch read.');
      const out = await this.dynamo.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of out.Responses?.[this.table] ?? []) {
        const record = fromItem(item as PostItem);
        records.set(record.id, record);
      }
      keys = (out.UnprocessedKeys?.[this.table]?.Keys ?? []) as typeof keys;
      if (keys.length > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
    return records;
  }
}
