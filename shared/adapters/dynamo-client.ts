import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { ReadConfig } from '../config.js';
import { localCredentials } from './local-credentials.js';
import { translateStorageErrors } from './storage-errors.js';
import { STORAGE_TIMEOUTS, type StorageTimeouts } from './storage-timeouts.js';

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
 * StorageUnavailableError; the API wraps it in the document client (aws-clients.ts). The oEmbed
 * function reads without the SDK (dynamo-reader.ts, docs/adr/0017-oembed-reads-without-the-sdk.md).
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
