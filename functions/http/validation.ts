import type { Context } from 'hono';
import type { z } from 'zod';
import { InvalidInputError, UnsupportedMediaTypeError } from '../../shared/errors.js';
import { POST_ID_PATTERN } from '../../shared/post/post-id.js';

/** Reads a JSON body and checks it against a schema; every problem becomes a 400 that names the field. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new UnsupportedMediaTypeError('Send the body as application/json.');
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch (error) {
    throw new InvalidInputError('invalid_json', 'The body is not valid JSON.', { cause: error });
  }
  return check(schema, body);
}

export function check<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new InvalidInputError('invalid_input', `${where}${issue?.message ?? 'invalid input'}`);
  }
  return parsed.data;
}

export function checkPostId(id: string): string {
  if (!POST_ID_PATTERN.test(id)) throw new InvalidInputError('invalid_id', 'Post ids are 20 lowercase hexadecimal characters.');
  return id;
}
