import { channel } from 'node:diagnostics_channel';
import aws4 from 'aws4';
import type { ReadConfig, StorageCredentials } from '../config.js';
import { type SignedStoreOptions, StoreServiceError, sendToStore, signedStoreSettings, withStorageAttempts } from './signed-http.js';
import type { StorageTimeouts } from './storage-timeouts.js';

/** DynamoDB's JSON protocol version, the prefix of every X-Amz-Target. */
const TARGET_PREFIX = 'DynamoDB_20120810';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * Every request SignedDynamo sends, as `{ operation, input }` (input in DynamoDB's JSON), for
 * whoever subscribes (the tests count and order them); nothing is built when nobody listens.
 */
export const DYNAMODB_REQUESTS = channel('postkeep:dynamodb:request');

/** What DYNAMODB_REQUESTS carries. */
export interface DynamoRequest {
  readonly operation: string;
  readonly input: object;
}

/**
 * One DynamoDB JSON-protocol call at a time, signed with SigV4 by aws4 and sent over
 * node:http(s) with the storage time-outs and attempts (signed-http.ts): the oEmbed function's
 * read path (docs/adr/0017-oembed-reads-without-the-sdk.md) and, under SignedDocumentClient,
 * the API's table requests (docs/adr/0020-api-table-requests-without-the-sdk.md), without the
 * SDK. Outages are retried once and then thrown as StorageUnavailableError; any other refusal
 * is thrown as StoreServiceError at once.
 */
export class SignedDynamo {
  private readonly url: URL;
  private readonly timeouts: StorageTimeouts;
  private readonly credentials: () => StorageCredentials;

  constructor(
    private readonly config: Pick<ReadConfig, 'region' | 'dynamoEndpoint' | 's3Endpoint'>,
    options: SignedStoreOptions = {},
  ) {
    this.url = new URL(config.dynamoEndpoint ?? `https://dynamodb.${config.region}.amazonaws.com/`);
    ({ timeouts: this.timeouts, credentials: this.credentials } = signedStoreSettings(config, options));
  }

  /** Sends `operation` (GetItem, Query, …) with `input` as DynamoDB's JSON and answers its JSON. */
  async send<T>(operation: string, input: object): Promise<T> {
    if (DYNAMODB_REQUESTS.hasSubscribers) DYNAMODB_REQUESTS.publish({ operation, input } satisfies DynamoRequest);
    const body = JSON.stringify(input);
    return (await withStorageAttempts('DynamoDB', this.timeouts, () => this.attempt(operation, body))) as T;
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
    const { status, body: raw } = await sendToStore('DynamoDB', this.url, 'POST', signed.headers ?? {}, body, this.timeouts);
    const answer = raw.toString('utf8');
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
    throw new StoreServiceError(
      type || (status >= 200 && status < 300 ? 'DeserializationError' : `Http${status}`),
      typeof message === 'string' && message !== '' ? message : `DynamoDB answered ${status} to ${this.url.host}`,
      status,
    );
  }
}
