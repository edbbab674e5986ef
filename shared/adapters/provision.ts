import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import type { AwsClients } from './aws-clients.js';

/**
 * Creates the bucket and table when missing, with the same keys and index the CDK stack defines
 * (infra/storage). Used by `npm start` and the tests against local servers; AWS gets them from CDK.
 */
export async function ensureStorage(clients: AwsClients, names: { bucket: string; table: string }): Promise<void> {
  await Promise.all([ensureBucket(clients, names.bucket), ensureTable(clients, names.table)]);
}

async function ensureBucket(clients: AwsClients, bucket: string): Promise<void> {
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    // Only a missing bucket is created; a store that is down stops the start with its own error.
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name !== 'NotFound' && e.name !== 'NoSuchBucket' && e.$metadata?.httpStatusCode !== 404) throw error;
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}

async function ensureTable(clients: AwsClients, table: string): Promise<void> {
  try {
    await clients.dynamo.send(new DescribeTableCommand({ TableName: table }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException) && (error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
  }
  await clients.dynamo.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const out = await clients.dynamo.send(new DescribeTableCommand({ TableName: table }));
    if (out.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The table ${table} did not become active.`);
}
