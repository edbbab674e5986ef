import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TTL_ATTRIBUTE } from '../storage/table-schema.js';
import type { DocumentClient } from './document-client.js';

/**
 * Workspace sessions and last visits, as single items of the one table (docs/adr/0009-workspace.md).
 * A session is stored under the sha256 of its token, never the token: a copy of the table opens
 * no session. It names the key it was opened with by that key's digest, so the session is
 * checked against the key on every request and ends the moment the key or its person goes.
 */
export interface StoredSession {
  readonly tokenHash: string;
  readonly keyHash: string;
  /** The personal key's id (null for an admin key of the configuration). */
  readonly keyId: string | null;
  /** The double-submit token the pages carry; compared in constant time. */
  readonly csrf: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export class SessionTable {
  constructor(
    private readonly dynamo: DocumentClient,
    private readonly table: string,
  ) {}

  async put(session: StoredSession): Promise<void> {
    await this.dynamo.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: `session#${session.tokenHash}`,
          sk: 'session',
          ...session,
          // Epoch seconds for DynamoDB's TTL in AWS; expiry is also checked on every read.
          [TTL_ATTRIBUTE]: Math.floor(Date.parse(session.expiresAt) / 1000),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(tokenHash: string): Promise<StoredSession | null> {
    const out = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { pk: `session#${tokenHash}`, sk: 'session' }, ConsistentRead: true }),
    );
    if (!out.Item) return null;
    const { tokenHash: hash, keyHash, keyId, csrf, createdAt, expiresAt } = out.Item as StoredSession;
    return { tokenHash: hash, keyHash, keyId: keyId ?? null, csrf, createdAt, expiresAt };
  }

  async delete(tokenHash: string): Promise<void> {
    await this.dynamo.send(new DeleteCommand({ TableName: this.table, Key: { pk: `session#${tokenHash}`, sk: 'session' } }));
  }

  /** When a person last opened the activity page (null the first time). */
  async getLastVisit(personId: string): Promise<string | null> {
    const out = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { pk: `visit#${personId}`, sk: 'activity' }, ConsistentRead: true }),
    );
    return typeof out.Item?.at === 'string' ? out.Item.at : null;
  }

  async putLastVisit(personId: string, at: string): Promise<void> {
    await this.dynamo.send(new PutCommand({ TableName: this.table, Item: { pk: `visit#${personId}`, sk: 'activity', at } }));
  }
}
