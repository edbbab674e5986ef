import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { PostkeepError, StorageUnavailableError } from '../errors.js';

/** Network error codes that mean "the store is not there right now", not "the request was wrong". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
]);
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'InternalServerError',
]);

interface SdkLikeError {
  readonly name?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/**
 * Whether an error thrown by an SDK call means the store is unreachable: a network failure, a
 * time-out, throttling or a 5xx. A 4xx from the store (a failed condition, a missing key, a
 * malformed request) is an answer, not an outage, and is passed on unchanged.
 */
export function isStorageOutage(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof PostkeepError) return false;
  const e = error as SdkLikeError;
  if (e.name && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status === 429;
  // No answer at all from the server: the connection broke before a status line arrived.
  return /socket hang up|ECONNRESET|ECONNREFUSED|EPIPE|premature close|aborted/i.test(error.message);
}

/** An outage becomes StorageUnavailableError (keeping the SDK error as its cause); anything else is unchanged. */
export function toStorageError(error: unknown, store: 'S3' | 'DynamoDB'): unknown {
  if (!isStorageOutage(error)) return error;
  return new StorageUnavailableError(`${store} is not answering right now; the request can be retried.`, { cause: error });
}

/**
 * Translates outages on every command of one client, around the SDK's own retries, so each
 * adapter method throws domain errors without a try/catch of its own.
 */
export function translateStorageErrors(client: S3Client | DynamoDBClient, store: 'S3' | 'DynamoDB'): void {
  (client.middlewareStack as S3Client['middlewareStack']).add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw toStorageError(error, store);
      }
    },
    { step: 'initialize', name: 'postkeepStorageErrors', priority: 'high' },
  );
}
