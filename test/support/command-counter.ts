import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import type { AwsClients } from '../../shared/adapters/aws-clients.js';
import { DYNAMODB_REQUESTS, type DynamoRequest } from '../../shared/adapters/signed-dynamo.js';

export interface CommandCounts {
  /** S3 commands sent, by name (`PutObjectCommand`, …), and DynamoDB requests by operation (`Query`, …), since the last reset. */
  readonly s3: Record<string, number>;
  readonly dynamo: Record<string, number>;
  /** Objects written since the last reset, by the first segment of their key (`media`, `embed`, `evidence`). */
  readonly s3Puts: Record<string, number>;
  reset(): void;
  total(store: 's3' | 'dynamo', names: readonly string[]): number;
}

const DYNAMO_WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];
const DYNAMO_READS = ['GetItem', 'Query', 'Scan', 'BatchGetItem'];
export const WRITES = {
  dynamo: DYNAMO_WRITES,
  s3: ['PutObjectCommand', 'DeleteObjectsCommand', 'DeleteObjectCommand', 'CopyObjectCommand'],
};
export const READS = { dynamo: DYNAMO_READS, s3: ['GetObjectCommand', 'HeadObjectCommand', 'ListObjectsV2Command'] };

export interface ObjectPut {
  /** The object's key, decoded. */
  readonly key: string;
  /** The request's headers, names lower-case. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Calls `seen` with every PutObject request the service's signed writer sends (s3-writer.ts), a
 * retried one once per attempt, read off node:http as it leaves the process, until the returned
 * function is called.
 */
export function watchObjectPuts(clients: AwsClients, seen: (put: ObjectPut) => void): () => void {
  const probe = clients.s3Writer.target('probe');
  const prefix = probe.pathname.slice(0, -'probe'.length);
  const listener = (message: unknown): void => {
    const { request } = message as { request: ClientRequest };
    // The writer names the store's host and port in its signed Host header.
    if (request.method !== 'PUT' || request.getHeader('host') !== probe.host || !request.path.startsWith(prefix)) return;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.getHeaders())) headers[name.toLowerCase()] = String(value);
    seen({ key: decodeURIComponent(request.path.slice(prefix.length).split('?')[0]!), headers });
  };
  subscribe('http.client.request.start', listener);
  return () => unsubscribe('http.client.request.start', listener);
}

/**
 * Calls `seen` with every DynamoDB request the service sends (through SignedDynamo: the API's
 * table and oEmbed's reads), with its operation (`GetItem`, `BatchWriteItem`, …) and its input
 * in DynamoDB's JSON, once per call (a retried call once), until the returned function is called.
 */
export function watchTableRequests(seen: (request: DynamoRequest) => void): () => void {
  const listener = (message: unknown): void => seen(message as DynamoRequest);
  DYNAMODB_REQUESTS.subscribe(listener);
  return () => DYNAMODB_REQUESTS.unsubscribe(listener);
}

/**
 * Counts every command the service's S3 client sends, by an SDK middleware, every DynamoDB
 * request by its operation (`watchTableRequests`), and every PutObject request its signed writer
 * sends (as `PutObjectCommand`, each attempt): what a request really costs. It counts for the
 * life of the process, as the harness's clients live.
 */
export function countCommands(clients: AwsClients): CommandCounts {
  const counts = { s3: {} as Record<string, number>, dynamo: {} as Record<string, number>, s3Puts: {} as Record<string, number> };
  const add = (store: 's3' | 'dynamo' | 's3Puts') => (name: string) => {
    counts[store][name] = (counts[store][name] ?? 0) + 1;
  };
  const s3 = add('s3');
  const dynamo = add('dynamo');
  const put = add('s3Puts');
  clients.s3.middlewareStack.add(
    (next, context) => async (args) => {
      s3(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'postkeepTestCounter' },
  );
  watchTableRequests(({ operation }) => dynamo(operation));
  watchObjectPuts(clients, ({ key }) => {
    s3('PutObjectCommand');
    put(key.split('/')[0]!);
  });
  return {
    ...counts,
    reset() {
      for (const store of [counts.s3, counts.dynamo, counts.s3Puts]) for (const name of Object.keys(store)) delete store[name];
    },
    total(store, names) {
      return names.reduce((sum, name) => sum + (counts[store][name] ?? 0), 0);
    },
  };
}
