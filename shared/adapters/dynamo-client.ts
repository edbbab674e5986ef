import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { ReadConfig } from '../config.js';
import { localCredentials } from './local-credentials.js';
import { translateStorageErrors } from './storage-errors.js';

export interface StorageTimeouts {
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly maxAttempts: number;
}

/**
 * How long one storage call may take (docs/adr/0003-storage-timeouts-and-503.md): a store that
 * is down or stalled costs at most two attempts of about 3 s before the caller gets a 503,
 * within the 10 s a request may wait. The SDK's defaults wait forever on a stalled socket.
 */
export const STORAGE_TIMEOUTS: StorageTimeouts = {
  connectionTimeoutMs: 1_000,
  requestTimeoutMs: 3_000,
  maxAttempts: 2,
};

/** The HTTP handler every storage client uses: connection, request and idle time-outs. */
export function storageHttpHandler(timeouts: StorageTimeouts = STORAGE_TIMEOUTS): NodeHttpHandler {
  return new NodeHttpHandler({
    connectionTimeout: timeouts.connectionTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    throwOnRequestTimeout: true,
    socketTimeout: timeouts.requestTimeoutMs,
  });
}

/**
 * The low-level table client alone, with the storage time-outs and outages translated to
 * StorageUnavailableError: the oEmbed function reads with it (shared/adapters/post-reader.ts)
 * and bundles nothing else; the API wraps it in the document client (aws-clients.ts).
 */
export function buildDynamoClient(config: ReadConfig, timeouts: StorageTimeouts = STORAGE_TIMEOUTS): DynamoDBClient {
  const credentials = localCredentials(config);
  const client = new DynamoDBClient({
    region: config.region,
    ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}),
    ...(credentials ? { credentials } : {}),
    maxAttempts: timeouts.maxAttempts,
    requestHandler: storageHttpHandler(timeouts),
  });
  translateStorageErrors(client, 'DynamoDB');
  return client;
}
