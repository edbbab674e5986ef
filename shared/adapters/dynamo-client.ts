import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config.js';
import { localCredentials } from './local-credentials.js';

/** The table client alone, so the read-only oEmbed function bundles no S3 SDK. */
export function buildDynamoClient(config: Config): DynamoDBDocumentClient {
  const credentials = localCredentials(config);
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: config.region,
      ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}),
      ...(credentials ? { credentials } : {}),
    }),
    { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
  );
}
