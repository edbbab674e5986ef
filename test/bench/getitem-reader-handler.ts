import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { DynamoReader } from '../../shared/adapters/dynamo-reader.js';
import { loadReadConfig } from '../../shared/config.js';

const config = loadReadConfig();
const reader = new DynamoReader(config);

/** Hello world plus the same GetItem through oEmbed's signed reader (docs/adr/0017-oembed-reads-without-the-sdk.md). */
export const handler = handle(
  new Hono().get('/', async (c) =>
    c.json(
      await reader.send('GetItem', { TableName: config.table, Key: { pk: { S: 'post#none' }, sk: { S: 'post' } }, ConsistentRead: true }),
    ),
  ),
);
