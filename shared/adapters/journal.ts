import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../audit/event.js';
import { InvalidInputError } from '../errors.js';
import type { Version } from '../post/versions.js';
import type { DocumentClient } from './document-client.js';

/**
 * What an action leaves behind besides its own item: its audit event and, for a change of a
 * post's content, the new version. DynamoDB Local and dynalite have no transactions, so the
 * journal rides in the action's own item (one conditional write: the action and its journal
 * succeed or fail together) and is then copied out into event and version items, idempotently.
 * Until that copy is done the item sits in the sparse `gsi4` index, where readers find and finish
 * it (docs/adr/0008-people-events-versions-data-model.md).
 */
export interface JournalEntry {
  readonly events: readonly AuditEvent[];
  readonly versions: readonly Version[];
}

export const EMPTY_JOURNAL: JournalEntry = { events: [], versions: [] };

const PENDING_PARTITION = 'pending';

export interface JournaledWrite {
  readonly item: { readonly pk: string; readonly sk: string; readonly revision: number };
  readonly condition: string;
  readonly names?: Record<string, string>;
  readonly values?: Record<string, unknown>;
  readonly journal: JournalEntry;
}

export interface EventPage {
  readonly items: readonly AuditEvent[];
  readonly cursor: string | null;
}

export class Journal {
  constructor(
    private readonly dynamo: DocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Writes an item together with its journal; throws the SDK's condition failure when the
   * condition does not hold (callers translate it). The journal is written out before this
   * returns, so an action is answered as done only once its event can be read.
   */
  async write(write: JournaledWrite): Promise<void> {
    const hasJournal = write.journal.events.length > 0 || write.journal.versions.length > 0;
    const item = hasJournal
      ? { ...write.item, journal: write.journal, gsi4pk: PENDING_PARTITION, gsi4sk: `${write.item.pk}#${write.item.revision}` }
      : write.item;
    const put = () =>
      this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: item,
          // An item still carrying an unfinished journal is never overwritten: that journal is
          // written out first (below), so no event of an earlier action can be lost.
          ConditionExpression: `(${write.condition}) AND attribute_not_exists(journal)`,
          ...(write.names ? { ExpressionAttributeNames: write.names } : {}),
          ...(write.values ? { ExpressionAttributeValues: write.values } : {}),
        }),
      );
    try {
      await put();
    } catch (error) {
      if (!isConditionFailure(error) || !(await this.finishItem(write.item.pk, write.item.sk))) throw error;
      await put();
    }
    if (hasJournal) await this.finish(write.item.pk, write.item.sk, write.item.revision, write.journal);
  }

  /** Finishes the journal an item still carries; false when it carries none. */
  private async finishItem(pk: string, sk: string): Promise<boolean> {
    const out = await this.dynamo.send(new GetCommand({ TableName: this.table, Key: { pk, sk }, ConsistentRead: true }));
    const journal = out.Item?.journal as JournalEntry | undefined;
    if (!out.Item || !journal) return false;
    await this.finish(pk, sk, (out.Item.revision ?? out.Item.version) as number, journal);
    return true;
  }

  /** Copies a journal out and clears it from its item; safe to run twice or concurrently. */
  async finish(pk: string, sk: string, revision: number, journal: JournalEntry): Promise<void> {
    await Promise.all([...journal.events.map((event) => this.putEvent(event)), ...journal.versions.map((v) => this.putVersion(v))]);
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk, sk },
          UpdateExpression: 'REMOVE journal, gsi4pk, gsi4sk',
          ConditionExpression: 'revision = :r',
          ExpressionAttributeValues: { ':r': revision },
        }),
      );
    } catch (error) {
      // A newer write replaced the item (and finished this journal before it wrote): nothing to clear.
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Finishes every journal left behind by a write that stopped halfway. */
  async finishPending(): Promise<number> {
    let finished = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.dynamo.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi4',
          KeyConditionExpression: 'gsi4pk = :p',
          ExpressionAttributeValues: { ':p': PENDING_PARTITION },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of out.Items ?? []) {
        if (!item.journal) continue;
        await this.finish(item.pk as string, item.sk as string, item.revision as number, item.journal as JournalEntry);
        finished += 1;
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return finished;
  }

  /** Events newest first: all of them, of one post, or of one actor (then the other filter applies on top). */
  async listEvents(filter: { postId?: string; personId?: string }, limit: number, cursor: string | null): Promise<EventPage> {
    const [index, partition] = filter.postId
      ? ['gsi2', `post#${filter.postId}`]
      : filter.personId
        ? ['gsi3', `actor#${filter.personId}`]
        : ['gsi1', 'event'];
    const bothFilters = filter.postId !== undefined && filter.personId !== undefined;
    const out = await this.dynamo.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :p AND begins_with(${index}sk, :e)`,
        ...(bothFilters
          ? {
              FilterExpression: 'actor.id = :actor',
              ExpressionAttributeValues: { ':p': partition, ':e': 'ev_', ':actor': filter.personId },
            }
          : { ExpressionAttributeValues: { ':p': partition, ':e': 'ev_' } }),
        ScanIndexForward: false,
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor, index) } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map((item) => fromEventItem(item)),
      cursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : null,
    };
  }

  /** Every version of a post, newest first (one partition: the post's own). */
  async listVersions(postId: string): Promise<Version[]> {
    const versions: Version[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.dynamo.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :p AND begins_with(sk, :v)',
          ExpressionAttributeValues: { ':p': `post#${postId}`, ':v': 'version#' },
          ScanIndexForward: false,
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of out.Items ?? []) {
        const { pk: _pk, sk: _sk, ...version } = item;
        versions.push(version as Version);
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return versions;
  }

  private async putEvent(event: AuditEvent): Promise<void> {
    const item = {
      ...event,
      pk: `event#${event.id}`,
      sk: 'event',
      gsi1pk: 'event',
      gsi1sk: event.id,
      gsi3pk: `actor#${event.actor.id}`,
      gsi3sk: event.id,
      ...(event.postId ? { gsi2pk: `post#${event.postId}`, gsi2sk: event.id } : {}),
    };
    await this.putOnce(item);
  }

  private async putVersion(version: Version): Promise<void> {
    await this.putOnce({ ...version, pk: `post#${version.postId}`, sk: `version#${String(version.version).padStart(6, '0')}` });
  }

  /** Events and versions are written once and never replaced: a second copy of the same one is a no-op. */
  private async putOnce(item: Record<string, unknown>): Promise<void> {
    try {
      await this.dynamo.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

function fromEventItem(item: Record<string, unknown>): AuditEvent {
  return {
    id: item.id as string,
    at: item.at as string,
    actor: item.actor as AuditEvent['actor'],
    action: item.action as AuditEvent['action'],
    postId: (item.postId as string | null | undefined) ?? null,
    summary: item.summary as string,
  };
}

/** SDK errors become domain errors in the adapters; dynalite's come without the SDK's class, hence the name check. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';
}

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** A cursor is a key this service handed out for the same index: strings only, of that index's names. */
export function decodeCursor(cursor: string, index: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const names = ['pk', 'sk', `${index}pk`, `${index}sk`];
    const valid =
      typeof key === 'object' &&
      key !== null &&
      names.every((name) => typeof key[name] === 'string') &&
      Object.keys(key).length === names.length;
    if (valid) return key;
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError('invalid_cursor', 'The cursor is not one this service handed out.');
}
