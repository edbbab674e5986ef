import { type ClientRequest, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import aws4 from 'aws4';
import { loadEnvCredentials, type ReadConfig, type StorageCredentials } from '../config.js';
import { localCredentials } from './local-credentials.js';
import { isStorageOutage, toStorageError } from './storage-errors.js';
import { STORAGE_TIMEOUTS, type StorageTimeouts } from './storage-timeouts.js';

/** DynamoDB's JSON protocol version, the prefix of every X-Amz-Target. */
const TARGET_PREFIX = 'DynamoDB_20120810';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** Retry delays as the SDK's standard strategy draws them: full jitter on a base, longer when throttled. */
const RETRY_BASE_MS = 100;
const THROTTLED_RETRY_BASE_MS = 500;
const THROTTLING = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded']);

/**
 * DynamoDB's answer to a request it refused, shaped like the SDK's service errors (`name` from
 * `__type`, `$metadata.httpStatusCode`) so the one outage test (storage-errors.ts) reads both.
 */
export class DynamoServiceError extends Error {
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

export interface DynamoReaderOptions {
  readonly timeouts?: StorageTimeouts;
  /** Asked before every attempt; by default the fixed local ones or Lambda's environment. */
  readonly credentials?: () => StorageCredentials;
}

/**
 * One DynamoDB JSON-protocol call at a time, signed with SigV4 by aws4 and sent over
 * node:http(s) with the storage time-outs and attempts (docs/adr/0003-storage-timeouts-and-503.md):
 * the oEmbed function's read path without the SDK (docs/adr/0017-oembed-reads-without-the-sdk.md).
 * Outages (network errors, time-outs, throttling, 5xx) are retried once and then thrown as
 * StorageUnavailableError; any other refusal is thrown as DynamoServiceError at once.
 */
export class DynamoReader {
  private readonly url: URL;
  private readonly timeouts: StorageTimeouts;
  private readonly credentials: () => StorageCredentials;

  constructor(
    private readonly config: Pick<ReadConfig, 'region' | 'dynamoEndpoint' | 's3Endpoint'>,
    options: DynamoReaderOptions = {},
  ) {
    this.url = new URL(config.dynamoEndpoint ?? `https://dynamodb.${config.region}.amazonaws.com/`);
    this.timeouts = options.timeouts ?? STORAGE_TIMEOUTS;
    const local = localCredentials(config);
    this.credentials = options.credentials ?? (local ? () => local : () => loadEnvCredentials());
  }

  /** Sends `operation` (GetItem, Query, …) with `input` as DynamoDB's JSON and answers its JSON. */
  async send<T>(operation: string, input: object): Promise<T> {
    const body = JSON.stringify(input);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return (await this.attempt(operation, body)) as T;
      } catch (error) {
        if (attempt >= this.timeouts.maxAttempts || !isStorageOutage(error)) throw toStorageError(error, 'DynamoDB');
        const base = THROTTLING.has((error as Error).name) ? THROTTLED_RETRY_BASE_MS : RETRY_BASE_MS;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * base * 2 ** (attempt - 1)));
      }
    }
  }

  private async attempt(operation: string, body: string): Promise<unknown> {
    // aws4 adds X-Amz-Date, X-Amz-Security-Token, Content-Length and Authorization; it signs
    // every header given here, the Host with its port included.
    const signed = aws4.sign(
      {
        host: this.url.host,
        path: this.url.pathname,
        method: 'POST',
        service: 'dynamodb',
        region: this.config.region,
        headers: { Host: this.url.host, 'Content-Type': CONTENT_TYPE, 'X-Amz-Target': `${TARGET_PREFIX}.${operation}` },
        body,
      },
      this.credentials(),
    );
    const headers = signed.headers ?? {};
    const { status, text: answer } = await this.post(headers, body);
    let json: unknown;
    try {
      json = answer === '' ? {} : JSON.parse(answer);
    } catch {
      json = null;
    }
    if (status >= 200 && status < 300 && json !== null) return json;
    const fault = (json ?? {}) as { __type?: unknown; message?: unknown; Message?: unknown };
    // `com.amazonaws.dynamodb.v20120810#ResourceNotFoundException` names ResourceNotFoundException.
    const type = typeof fault.__type === 'string' ? (fault.__type.split('#').pop() ?? '') : '';
    const message = fault.message ?? fault.Message;
    throw new DynamoServiceError(
      type || (status >= 200 && status < 300 ? 'DeserializationError' : `Http${status}`),
      typeof message === 'string' && message !== '' ? message : `DynamoDB answered ${status} to ${this.url.host}`,
      status,
    );
  }

  /** One POST under the time-outs: connecting within connectionTimeoutMs, the whole answer within requestTimeoutMs. */
  private post(headers: OutgoingHttpHeaders, body: string): Promise<{ status: number; text: string }> {
    const secure = this.url.protocol === 'https:';
    const request = secure ? httpsRequest : httpRequest;
    const { connectionTimeoutMs, requestTimeoutMs } = this.timeouts;
    return new Promise((resolve, reject) => {
      const req: ClientRequest = request(this.url, { method: 'POST', headers }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(deadline);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        // The connection closing before the whole answer arrived ('aborted', ECONNRESET).
        res.on('error', (error) => {
          clearTimeout(deadline);
          reject(error);
        });
      });
      const deadline = setTimeout(
        () => req.destroy(new StorageTimeoutError(`DynamoDB did not answer within ${requestTimeoutMs} ms`)),
        requestTimeoutMs,
      );
      req.on('socket', (socket: Socket) => {
        if (!socket.connecting) return;
        const connecting = setTimeout(
          () => req.destroy(new StorageTimeoutError(`no connection to DynamoDB within ${connectionTimeoutMs} ms`)),
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
}
