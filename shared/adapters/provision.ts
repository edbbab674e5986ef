import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { keyAttributes, TABLE_INDEXES, TABLE_KEYS } from '../storage/table-schema.js';
import type { AwsClients } from './aws-clients.js';

/**
 * Creates the bucket and table when missing, from the same schema the CDK stack is built from
 * (shared/storage/table-schema.ts). Used by `npm start` and the tests against local servers; AWS gets them from CDK.
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
  await clients.dynamo.send(new CreateTableCommand(toCreateTableInput(table)));
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const out = await clients.dynamo.send(new DescribeTableCommand({ TableName: table }));
    if (out.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The table ${table} did not become active.`);
}

/** The table as `CreateTable` takes it, from the one schema; the infra test compares it with the synthesized stack. */
export function toCreateTableInput(table: string): CreateTableCommandInput {
  return {
    TableName: table,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes().map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
