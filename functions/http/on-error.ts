import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  PostkeepError,
  PostUnavailableError,
  UnauthorizedError,
  UnsupportedFormatError,
  UnsupportedMediaTypeError,
  UpstreamError,
} from '../../shared/errors.js';

const STATUS_BY_CLASS: ReadonlyArray<readonly [new (...args: never[]) => PostkeepError, ContentfulStatusCode]> = [
  [InvalidInputError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [PayloadTooLargeError, 413],
  [UnsupportedMediaTypeError, 415],
  [PostUnavailableError, 422],
  [UnsupportedFormatError, 501],
  [UpstreamError, 502],
];

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/**
 * The one place errors become answers: domain errors by class, everything else a 500 with a
 * generic message. Stacks and causes go to the log, never to the client.
 */
export function onError(error: Error, c: Context): Response {
  if (error instanceof PostkeepError) {
    const status = STATUS_BY_CLASS.find(([type]) => error instanceof type)?.[1] ?? 500;
    if (status >= 500) console.error(JSON.stringify({ level: 'error', code: error.code, message: error.message }));
    const response = c.json(errorBody(error.code, error.message), status);
    if (error instanceof UnauthorizedError) response.headers.set('WWW-Authenticate', 'Bearer');
    return response;
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    return c.json(
      errorBody(status === 413 ? 'payload_too_large' : 'bad_request', error.message || 'The request could not be read.'),
      status as ContentfulStatusCode,
    );
  }
  console.error(JSON.stringify({ level: 'error', message: error.message, stack: error.stack }));
  return c.json(errorBody('internal', 'Something went wrong on our side; the request can be retried.'), 500);
}

export function notFound(c: Context): Response {
  return c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`), 404);
}
