import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, InvalidInputError } from '../errors.js';
import type { PostRecord } from '../post/post.js';
import { aliasKey, findByShortcode, fromItem, LIST_PARTITION, type PostItem, type PostLookup, postKey, toItem } from './post-keys.js';

export interface PostPage {
  readonly items: readonly PostRecord[];
  readonly cursor: string | null;
}

/**
 * Single-table layout built on single-item conditional writes only (dynalite has no
 * transactions, DESIGN.md); the keys are in post-keys.ts.
 */
export class PostTable implements PostLookup {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(id: string): Promise<PostRecord | null> {
    const out = await this.dynamo.send(new GetCommand({ TableName: this.table, Key: postKey(id), ConsistentRead: true }));
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

  /** See findByShortcode in post-keys.ts. */
  findByShortcode(shortcode: string): Promise<{ id: string; record: PostRecord | null }> {
    return findByShortcode(this, shortcode);
  }

  /** Which record holds a shortcode when it is not the one derived from it (a URL attached later). */
  async getAlias(shortcode: string): Promise<string | null> {
    const out = await this.dynamo.send(new GetCommand({ TableName: this.table, Key: aliasKey(shortcode), ConsistentRead: true }));
    return typeof out.Item?.postId === 'string' ? out.Item.postId : null;
  }

  /** Points a shortcode at a record, once: a shortcode already taken by another record is a conflict. */
  async putAlias(shortcode: string, postId: string): Promise<void> {
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...aliasKey(shortcode), postId },
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
