import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config.js';
import { type DocumentClient, marshallOptions, SignedDocumentClient } from './document-client.js';
import { buildDynamoClient, storageHttpHandler, withoutSdkLogging } from './dynamo-client.js';
import { localCredentials } from './local-credentials.js';
import { S3Writer } from './s3-writer.js';
import { SignedDynamo } from './signed-dynamo.js';
import { translateStorageErrors } from './storage-errors.js';
import { STORAGE_TIMEOUTS, type StorageTimeouts } from './storage-timeouts.js';

export interface AwsClients {
  readonly s3: S3Client;
  /** The SDK's document client: provisioning, scripts and tests that read the table directly. */
  readonly dynamo: DynamoDBDocumentClient;
  /** The API's table requests without the SDK (docs/adr/0020-api-table-requests-without-the-sdk.md). */
  readonly table: DocumentClient;
  /** oEmbed's read path, the same one its Lambda function uses (docs/adr/0017-oembed-reads-without-the-sdk.md). */
  readonly reader: SignedDynamo;
  /** PutObject without the SDK (docs/adr/0018-captures-write-objects-without-the-sdk.md). */
  readonly s3Writer: S3Writer;
}

/**
 * One construction of the SDK clients for every environment. Locally the endpoints point at the
 * embedded S3/DynamoDB-compatible servers; in AWS they are unset and the SDK finds the real ones.
 * All three carry the same time-outs (docs/adr/0003-storage-timeouts-and-503.md).
 */
export function buildAwsClients(config: Config, timeouts: StorageTimeouts = STORAGE_TIMEOUTS): AwsClients {
  const credentials = localCredentials(config);
  const s3 = new S3Client({
    region: config.region,
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
    ...(credentials ? { credentials } : {}),
    // s3rver stores aws-chunked framing inside objects otherwise (docs/design.md, local servers).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: timeouts.maxAttempts,
    requestHandler: storageHttpHandler(timeouts),
  });
  translateStorageErrors(s3, 'S3');
  withoutSdkLogging(s3);
  const reader = new SignedDynamo(config, { timeouts });
  // Built on first use: the API's own requests go through `table`, so in Lambda nothing asks for it.
  let dynamo: DynamoDBDocumentClient | undefined;
  return {
    s3,
    get dynamo() {
      dynamo ??= DynamoDBDocumentClient.from(buildDynamoClient(config, timeouts), { marshallOptions: marshallOptions() });
      return dynamo;
    },
    table: new SignedDocumentClient(reader),
    reader,
    s3Writer: new S3Writer(config, config.bucket, { timeouts }),
  };
}
