import {
  type ClientRequest,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { loadEnvCredentials, type ReadConfig, type StorageCredentials } from '../config.js';
import { localCredentials } from './local-credentials.js';
import { isStorageOutage, toStorageError } from './storage-errors.js';
import { STORAGE_TIMEOUTS, type StorageTimeouts } from './storage-timeouts.js';

/** Retry delays as the SDK's standard strategy draws them: full jitter on a base, longer when throttled. */
const RETRY_BASE_MS = 100;
const THROTTLED_RETRY_BASE_MS = 500;
const THROTTLING = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'SlowDown']);

/**
 * A store's refusal, shaped like the SDK's service errors (`name` the store's error code,
 * `$metadata.httpStatusCode`) so the one outage test (storage-errors.ts) reads both.
 */
export class StoreServiceError extends Error {
  readonly $metadata: { readonly httpStatusCode: number };
  constructor(name: string, message: string, status: number) {
    super(message);
    this.name = name;
    this.$metadata = { httpStatusCode: status };
  }
}

/** A connection or a request that took longer than the storage time-outs allow. */
class StorageTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly code = 'ETIMEDOUT';
}

/** What a signed client of a store (SignedDynamo, S3Writer) may be given instead of the defaults. */
export interface SignedStoreOptions {
  /** STORAGE_TIMEOUTS unless given. */
  readonly timeouts?: StorageTimeouts;
  /** Asked before every attempt; by default the fixed local ones or Lambda's environment. */
  readonly credentials?: () => StorageCredentials;
}

/** The time-outs and the credentials a signed client uses, from its options or the defaults. */
export function signedStoreSettings(
  config: Pick<ReadConfig, 's3Endpoint' | 'dynamoEndpoint'>,
  options: SignedStoreOptions,
): { timeouts: StorageTimeouts; credentials: () => StorageCredentials } {
  const local = localCredentials(config);
  return {
    timeouts: options.timeouts ?? STORAGE_TIMEOUTS,
    credentials: options.credentials ?? (local ? () => local : () => loadEnvCredentials()),
  };
}

export interface StoreAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * Runs `attempt` up to `maxAttempts` times (docs/adr/0003-storage-timeouts-and-503.md): outages
 * (network errors, time-outs, throttling, 5xx) are retried after a jittered delay and at last
 * thrown as StorageUnavailableError; any other refusal is thrown at once.
 */
export async function withStorageAttempts<T>(store: 'S3' | 'DynamoDB', timeouts: StorageTimeouts, attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= timeouts.maxAttempts || !isStorageOutage(error)) throw toStorageError(error, store);
      const base = THROTTLING.has((error as Error).name) ? THROTTLED_RETRY_BASE_MS : RETRY_BASE_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * base * 2 ** (n - 1)));
    }
  }
}

/**
 * One signed request under the time-outs: connecting within connectionTimeoutMs, the whole
 * answer within requestTimeoutMs. Node's global agent keeps the connection for the next one.
 */
export function sendToStore(
  store: 'S3' | 'DynamoDB',
  url: URL,
  method: 'POST' | 'PUT',
  headers: OutgoingHttpHeaders,
  body: Buffer | string,
  timeouts: StorageTimeouts,
): Promise<StoreAnswer> {
  const secure = url.protocol === 'https:';
  const request = secure ? httpsRequest : httpRequest;
  const { connectionTimeoutMs, requestTimeoutMs } = timeouts;
  return new Promise((resolve, reject) => {
    const req: ClientRequest = request(url, { method, headers }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(deadline);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      // The connection closing before the whole answer arrived ('aborted', ECONNRESET).
      res.on('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
    });
    const deadline = setTimeout(
      () => req.destroy(new StorageTimeoutError(`${store} did not answer within ${requestTimeoutMs} ms`)),
      requestTimeoutMs,
    );
    req.on('socket', (socket: Socket) => {
      if (!socket.connecting) return;
      const connecting = setTimeout(
        () => req.destroy(new StorageTimeoutError(`no connection to ${store} within ${connectionTimeoutMs} ms`)),
        connectionTimeoutMs,
      );
      socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(connecting));
      socket.once('close', () => clearTimeout(connecting));
    });
    req.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    req.end(body);
  });
}
