import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

/** The smallest Hono function, bundled like postkeep's: the yardstick for their start-up cost. */
export const handler = handle(new Hono().get('/', (c) => c.text('hello')));
