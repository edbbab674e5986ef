import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, InvalidInputError } from '../errors.js';
import type { PostRecord } from '../post/post.js';
import { postIdForShortcode } from '../post/post-id.js';

/**
 * Single-table layout built on single-item conditional writes only (dynalite has no
 * transactions, docs/design.md): `post#<id>` holds a record; `gsi1` lists records newest first.
 */
const LIST_PARTITION = 'post';

interface PostItem extends PostRecord {
  readonly pk: string;
  readonly sk: string;
  readonly gsi1pk: string;
  readonly gsi1sk: string;
}

export interface PostPage {
  readonly items: readonly PostRecord[];
  readonly cursor: string | null;
}

export class PostTable {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(id: string): Promise<PostRecord | null> {
    const out = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { pk: postKey(id), sk: 'post' }, ConsistentRead: true }),
    );
    return out.Item ? fromItem(out.Item as PostItem) : null;
  }

  /** Writes a new record; when the id is taken, throws ConflictError carrying the stored record. */
  async create(record: PostRecord): Promise<void> {
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: toItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError('This post is already archived.', await this.get(record.id));
      throw error;
    }
  }

  /** Replaces a record only if nobody changed it since `record.version - 1` was read. */
  async replace(record: PostRecord): Promise<void> {
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: toItem(record),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': record.version - 1 },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error))
        throw new ConflictError('The post changed while this update ran; retry it.', await this.get(record.id));
      throw error;
    }
  }

  /**
   * The record that holds a shortcode, and its id: the id derived from the shortcode, unless an
   * editor attached the URL to another record (an alias). One read when the post is archived
   * under its own id, which is nearly always; the alias is read only when that misses.
   */
  async findByShortcode(shortcode: string): Promise<{ id: string; record: PostRecord | null }> {
    const derived = postIdForShortcode(shortcode);
    const record = await this.get(derived);
    if (record) return { id: derived, record };
    const alias = await this.getAlias(shortcode);
    return alias ? { id: alias, record: await this.get(alias) } : { id: derived, record: null };
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
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor) } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map((item) => fromItem(item as PostItem)),
      cursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : null,
    };
  }
}

/** SDK errors become domain errors here; dynalite's come without the SDK's class, hence the name check. */
function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';
}

function aliasKey(shortcode: string): string {
  return `alias#${shortcode}`;
}

function postKey(id: string): string {
  return `post#${id}`;
}

function toItem(record: PostRecord): PostItem {
  return {
    ...record,
    pk: postKey(record.id),
    sk: 'post',
    gsi1pk: LIST_PARTITION,
    gsi1sk: `${record.capturedAt}#${record.id}`,
  };
}

function fromItem(item: PostItem): PostRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...record } = item;
  return record;
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const valid =
      typeof key === 'object' &&
      key !== null &&
      ['pk', 'sk', 'gsi1pk', 'gsi1sk'].every((name) => typeof key[name] === 'string') &&
      Object.keys(key).length === 4;
    if (valid) return key;
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError('invalid_cursor', 'The cursor is not one this service handed out.');
}
