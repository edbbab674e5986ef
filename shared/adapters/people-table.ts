import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../errors.js';
import type { KeyRecord, PersonRecord } from '../people/person.js';
import type { DocumentClient } from './document-client.js';
import { isConditionFailure, type Journal, type JournalEntry } from './journal.js';

/**
 * People and their keys (docs/adr/0008-people-events-versions-data-model.md): `person#<id>` holds a
 * person (listed through gsi1 partition `person`); `key#<keyId>` holds a key's hash and owner
 * (listed per person through gsi2 partition `person#<id>`). Authentication reads both items by
 * key with strongly consistent reads, never through an index, so a revoked key or a removed
 * person fails on the very next request.
 */
export class PeopleTable {
  constructor(
    private readonly dynamo: DocumentClient,
    private readonly table: string,
    private readonly journal: Journal,
  ) {}

  async getPerson(id: string): Promise<PersonRecord | null> {
    const out = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { pk: `person#${id}`, sk: 'person' }, ConsistentRead: true }),
    );
    return out.Item ? toPerson(out.Item) : null;
  }

  async getKey(keyId: string): Promise<KeyRecord | null> {
    const out = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { pk: `key#${keyId}`, sk: 'key' }, ConsistentRead: true }),
    );
    return out.Item ? toKey(out.Item) : null;
  }

  /** People not removed, oldest first. */
  async listPeople(): Promise<PersonRecord[]> {
    return (await this.queryAll('gsi1', 'person')).map(toPerson).filter((person) => person.removedAt === null);
  }

  /** A person's keys not revoked (the index may lag a revocation by a moment; authentication never uses it). */
  async listKeys(personId: string): Promise<KeyRecord[]> {
    return (await this.queryAll('gsi2', `person#${personId}`)).map(toKey).filter((key) => key.revokedAt === null);
  }

  /** Writes a person (new when `revision` is 1, else only over the revision it read), with its journal. */
  async putPerson(person: PersonRecord, journal: JournalEntry): Promise<void> {
    const item = { ...person, pk: `person#${person.id}`, sk: 'person', gsi1pk: 'person', gsi1sk: `${person.createdAt}#${person.id}` };
    await this.guarded(
      () => this.journal.write({ item, ...revisionCondition(person.revision), journal }),
      'The person changed meanwhile; retry.',
    );
  }

  async putKey(key: KeyRecord, journal: JournalEntry): Promise<void> {
    const item = { ...key, pk: `key#${key.keyId}`, sk: 'key', gsi2pk: `person#${key.personId}`, gsi2sk: `${key.createdAt}#${key.keyId}` };
    await this.guarded(
      () => this.journal.write({ item, ...revisionCondition(key.revision), journal }),
      'The key changed meanwhile; retry.',
    );
  }

  /**
   * Notes when a key was last used. At most once a minute per key, and only if nobody changed
   * the key since it was read, so it can never bring a revoked key back.
   */
  async touchKey(key: KeyRecord, at: Date): Promise<void> {
    if (key.lastUsedAt && at.getTime() - Date.parse(key.lastUsedAt) < 60_000) return;
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `key#${key.keyId}`, sk: 'key' },
          UpdateExpression: 'SET lastUsedAt = :at',
          ConditionExpression: 'revision = :r AND attribute_not_exists(journal)',
          ExpressionAttributeValues: { ':at': at.toISOString(), ':r': key.revision },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  private async guarded(write: () => Promise<void>, message: string): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(message, null);
      throw error;
    }
  }

  private async queryAll(index: string, partition: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.dynamo.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index,
          KeyConditionExpression: `${index}pk = :p`,
          ExpressionAttributeValues: { ':p': partition },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }
}

/** Revision 1 is a new item; any other revision replaces exactly the one before it. */
export function revisionCondition(revision: number) {
  return revision === 1
    ? { condition: 'attribute_not_exists(pk)' }
    : { condition: 'revision = :expected', values: { ':expected': revision - 1 } };
}

function toPerson(item: Record<string, unknown>): PersonRecord {
  return {
    id: item.id as string,
    name: item.name as string,
    role: item.role as PersonRecord['role'],
    createdAt: item.createdAt as string,
    removedAt: (item.removedAt as string | null | undefined) ?? null,
    revision: item.revision as number,
  };
}

function toKey(item: Record<string, unknown>): KeyRecord {
  return {
    keyId: item.keyId as string,
    personId: item.personId as string,
    hash: item.hash as string,
    createdAt: item.createdAt as string,
    lastUsedAt: (item.lastUsedAt as string | null | undefined) ?? null,
    revokedAt: (item.revokedAt as string | null | undefined) ?? null,
    revision: item.revision as number,
  };
}
