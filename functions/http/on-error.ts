import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
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
  StorageUnavailableError,
  UnauthorizedError,
  UnsupportedFormatError,
  UnsupportedMediaTypeError,
  UpstreamError,
} from '../../shared/errors.js';
import type { Log } from '../../shared/log.js';
import { requestIdOf } from './request-id.js';

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
  // Storage down or stalled past its time-outs (docs/adr/0003-storage-timeouts-and-503.md).
  [StorageUnavailableError, 503],
];

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** The HTTP status a domain error answers with (500 for a class not listed). */
export function statusOf(error: PostkeepError): ContentfulStatusCode {
  return STATUS_BY_CLASS.find(([type]) => error instanceof type)?.[1] ?? 500;
}

/**
 * The one place errors become answers: domain errors by class, everything else a 500 with a
 * generic message. Each failure is logged here once, with its code and the request id; stacks
 * and causes go to the log, never to the client.
 */
export function createOnError(log: Log): ErrorHandler {
  return (error: Error, c: Context): Response => {
    const requestId = requestIdOf(c);
    const route = `${c.req.method} ${new URL(c.req.url).pathname}`;
    if (error instanceof PostkeepError) {
      const status = statusOf(error);
      const fields = { code: error.code, status, requestId, route };
      // Our own faults are errors; an upstream or store that fails is a warning; the caller's mistakes are information.
      const cause = error.cause instanceof Error ? { cause: error.cause.message } : {};
      if (status === 502 || status === 503) log.warn(error.message, { ...fields, ...cause });
      else if (status >= 500) log.error(error.message, { ...fields, ...cause });
      else log.info(error.message, fields);
      const response = c.json(errorBody(error.code, error.message), status);
      if (status === 503) response.headers.set('Retry-After', '5');
      if (error instanceof UnauthorizedError) response.headers.set('WWW-Authenticate', 'Bearer');
      return response;
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      const code = status === 413 ? 'payload_too_large' : 'bad_request';
      log.info(error.message || 'unreadable request', { code, status, requestId, route });
      return c.json(errorBody(code, error.message || 'The request could not be read.'), status as ContentfulStatusCode);
    }
    log.error('unexpected failure', { code: 'internal', status: 500, requestId, route, error });
    return c.json(errorBody('internal', 'Something went wrong on our side; the request can be retried.'), 500);
  };
}

export const notFound: NotFoundHandler = (c) =>
  c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`), 404);
