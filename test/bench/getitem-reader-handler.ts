import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { SignedDynamo } from '../../shared/adapters/signed-dynamo.js';
import { loadReadConfig } from '../../shared/config.js';

const config = loadReadConfig();
const reader = new SignedDynamo(config);

/** Hello world plus the same GetItem through oEmbed's signed reader (docs/adr/0017-oembed-reads-without-the-sdk.md). */
export const handler = handle(
  new Hono().get('/', async (c) =>
    c.json(
      await reader.send('GetItem', { TableName: config.table, Key: { pk: { S: 'post#none' }, sk: { S: 'post' } }, ConsistentRead: true }),
    ),
  ),
);
