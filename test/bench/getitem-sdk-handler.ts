import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { buildDynamoClient } from '../../shared/adapters/dynamo-client.js';
import { loadReadConfig } from '../../shared/config.js';

const config = loadReadConfig();
const client = buildDynamoClient(config);

/** Hello world plus one consistent GetItem through the SDK: what the SDK alone costs a cold start. */
export const handler = handle(
  new Hono().get('/', async (c) =>
    c.json(
      await client.send(
        new GetItemCommand({ TableName: config.table, Key: { pk: { S: 'post#none' }, sk: { S: 'post' } }, ConsistentRead: true }),
      ),
    ),
  ),
);
