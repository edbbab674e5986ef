import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
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
 * Takes the SDK's logging step out of a client's stack. postkeep logs storage calls itself
 * (shared/log.ts) and gives the SDK no logger, yet that step still walked every command's input
 * and output to redact them for the no-op logger: about 3 ms of main-thread CPU and a third of
 * the SDK's allocations per capture (a CPU and allocation profile of `npm run bench`, 2026-12-03).
 */
export function withoutSdkLogging(client: S3Client | DynamoDBClient): void {
  (client.middlewareStack as S3Client['middlewareStack']).remove('loggerMiddleware');
}

/**
 * The low-level table client alone, with the storage time-outs and outages translated to
 * StorageUnavailableError; the API wraps it in the document client (aws-clients.ts). The oEmbed
 * function reads without the SDK (signed-dynamo.ts, docs/adr/0017-oembed-reads-without-the-sdk.md).
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
  withoutSdkLogging(client);
  return client;
}
