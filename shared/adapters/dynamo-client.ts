import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ReadConfig } from '../config.js';
import { localCredentials } from './local-credentials.js';

/** The low-level table client alone: the oEmbed function reads with it and bundles nothing else. */
export function buildDynamoClient(config: ReadConfig): DynamoDBClient {
  const credentials = localCredentials(config);
  return new DynamoDBClient({
    region: config.region,
    ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}),
    ...(credentials ? { credentials } : {}),
  });
}
