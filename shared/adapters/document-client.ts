import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  DeleteCommand,
  type DeleteCommandOutput,
  GetCommand,
  type GetCommandOutput,
  PutCommand,
  type PutCommandOutput,
  QueryCommand,
  type QueryCommandOutput,
  UpdateCommand,
  type UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { type marshallOptions as MarshallOptions, marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { SignedDynamo } from './signed-dynamo.js';

/** What the table adapters send: the document client's commands, which carry plain values. */
export type DocumentCommand = GetCommand | PutCommand | UpdateCommand | DeleteCommand | QueryCommand | BatchGetCommand | BatchWriteCommand;

/** The part of the SDK's document client the table adapters use; SignedDocumentClient is the API's. */
export interface DocumentClient {
  send(command: GetCommand): Promise<GetCommandOutput>;
  send(command: PutCommand): Promise<PutCommandOutput>;
  send(command: UpdateCommand): Promise<UpdateCommandOutput>;
  send(command: DeleteCommand): Promise<DeleteCommandOutput>;
  send(command: QueryCommand): Promise<QueryCommandOutput>;
  send(command: BatchGetCommand): Promise<BatchGetCommandOutput>;
  send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput>;
}

/**
 * How values become DynamoDB's: undefined attributes dropped, class instances refused. Handed
 * out as a copy each time: the SDK's document client writes its own settings into the object it
 * is given (`convertTopLevelContainer`), which would make a shared one wrap every item in a map.
 */
export const marshallOptions = (): MarshallOptions => ({ removeUndefinedValues: true, convertClassInstanceToMap: false });
const MARSHALL = marshallOptions();

type Item = Record<string, unknown>;
type Wire = Record<string, AttributeValue>;
type WireWrite = { PutRequest?: { Item: Wire }; DeleteRequest?: { Key: Wire } };
type WriteRequest = { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } };

/**
 * The document client's commands sent through SignedDynamo (SigV4 by aws4 over node:http, the
 * storage time-outs and attempts) instead of the SDK's middleware stack, which cost the capture
 * 15–20 ms of its main thread for about ten requests (docs/adr/0020-api-table-requests-without-the-sdk.md).
 * Values are marshalled and unmarshalled with the SDK's own util-dynamodb, with the options the
 * document client had, so every item reads and writes as before. A refusal is thrown with
 * DynamoDB's error name (ConditionalCheckFailedException, ValidationException, …); an outage as
 * StorageUnavailableError after the same attempts.
 */
export class SignedDocumentClient implements DocumentClient {
  constructor(private readonly dynamo: SignedDynamo) {}

  /** Sends one command and answers what the document client would (DocumentClient's overloads). */
  readonly send = ((command: DocumentCommand) => this.sendCommand(command)) as DocumentClient['send'];

  private async sendCommand(command: DocumentCommand): Promise<unknown> {
    if (command instanceof GetCommand) {
      const out = await this.call('GetItem', { ...command.input, Key: toWire(command.input.Key) });
      return { ...out, Item: fromWire(out.Item) };
    }
    const single = singleItemOperation(command);
    if (single) {
      // Put names its item whole, Update and Delete by its key; any of them may carry values.
      const { Item, Key, ExpressionAttributeValues, ...rest } = single.input;
      const out = await this.call(single.operation, {
        ...rest,
        ...(Item ? { Item: toWire(Item) } : {}),
        ...(Key ? { Key: toWire(Key) } : {}),
        ...values(ExpressionAttributeValues),
      });
      return { ...out, Attributes: fromWire(out.Attributes) };
    }
    if (command instanceof QueryCommand) {
      const { ExclusiveStartKey, ExpressionAttributeValues, ...rest } = command.input;
      const out = await this.call('Query', {
        ...rest,
        ...(ExclusiveStartKey ? { ExclusiveStartKey: toWire(ExclusiveStartKey) } : {}),
        ...values(ExpressionAttributeValues),
      });
      return { ...out, Items: fromWireAll(out.Items), LastEvaluatedKey: fromWire(out.LastEvaluatedKey) };
    }
    if (command instanceof BatchGetCommand) {
      const requests = mapTables(command.input.RequestItems, (read) => ({ ...read, Keys: (read.Keys ?? []).map(toWire) }));
      const out = await this.call('BatchGetItem', { ...command.input, RequestItems: requests });
      return {
        ...out,
        Responses: mapTables(out.Responses as Record<string, Wire[]> | undefined, fromWireAll),
        UnprocessedKeys: mapTables(out.UnprocessedKeys as Record<string, { Keys?: Wire[] }> | undefined, (read) => ({
          ...read,
          Keys: fromWireAll(read.Keys),
        })),
      };
    }
    if (!(command instanceof BatchWriteCommand)) throw new TypeError(`The table client has no mapping for ${command.constructor.name}.`);
    const requests = mapTables(command.input.RequestItems as Record<string, WriteRequest[]> | undefined, (writes) =>
      writes.map(writeToWire),
    );
    const out = await this.call('BatchWriteItem', { ...command.input, RequestItems: requests });
    return {
      ...out,
      UnprocessedItems: mapTables(out.UnprocessedItems as Record<string, WireWrite[]> | undefined, (writes) => writes.map(writeFromWire)),
    };
  }

  private call(
    operation: string,
    input: object,
  ): Promise<Record<string, unknown> & { Item?: Wire; Items?: Wire[]; Attributes?: Wire; LastEvaluatedKey?: Wire }> {
    return this.dynamo.send(operation, input);
  }
}

/** The write of one item a command is, if it is one, with its input as one shape. */
function singleItemOperation(
  command: DocumentCommand,
): { operation: string; input: { Item?: Item; Key?: Item; ExpressionAttributeValues?: Item } & Record<string, unknown> } | null {
  if (command instanceof PutCommand) return { operation: 'PutItem', input: command.input };
  if (command instanceof UpdateCommand) return { operation: 'UpdateItem', input: command.input };
  if (command instanceof DeleteCommand) return { operation: 'DeleteItem', input: command.input };
  return null;
}

const toWire = (item: Item | undefined) => (item ? marshall(item, MARSHALL) : undefined);
const fromWire = (item: Wire | undefined): Item | undefined => (item ? unmarshall(item) : undefined);
const fromWireAll = (items: Wire[] | undefined): Item[] | undefined => items?.map((item) => unmarshall(item));
const values = (given: Item | undefined) => (given ? { ExpressionAttributeValues: marshall(given, MARSHALL) } : {});

function writeToWire(write: WriteRequest) {
  if (write.PutRequest) return { PutRequest: { Item: toWire(write.PutRequest.Item) } };
  return { DeleteRequest: { Key: toWire(write.DeleteRequest?.Key) } };
}

function writeFromWire(write: WireWrite) {
  if (write.PutRequest) return { PutRequest: { Item: fromWire(write.PutRequest.Item) } };
  return { DeleteRequest: { Key: fromWire(write.DeleteRequest?.Key) } };
}

function mapTables<T, U>(tables: Record<string, T> | undefined, each: (value: T) => U): Record<string, U> | undefined {
  if (!tables) return undefined;
  return Object.fromEntries(Object.entries(tables).map(([table, value]) => [table, each(value)]));
}
