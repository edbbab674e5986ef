import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The id of this request: Lambda's request id where there is one, a fresh UUID otherwise. */
export function requestIdOf(c: Context): string {
  const known = (c.get as (key: string) => unknown)('requestId');
  return typeof known === 'string' ? known : (fromLambda(c) ?? randomUUID());
}

/**
 * Names every request once and answers the name in `X-Request-Id`, so a caller reporting a
 * failure hands over the id its log line carries. A caller's own X-Request-Id is not taken:
 * log lines must not carry text a caller chose.
 */
export function requestId(): MiddlewareHandler {
  return async (c, next) => {
    // Apps mounted inside another (the local server) keep the id the outer app gave.
    const id = requestIdOf(c);
    (c.set as (key: string, value: unknown) => void)('requestId', id);
    c.header(REQUEST_ID_HEADER, id);
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, id);
  };
}

function fromLambda(c: Context): string | null {
  const env = c.env as { lambdaContext?: { awsRequestId?: unknown } } | undefined;
  const id = env?.lambdaContext?.awsRequestId;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/** `/api/*` answers are per caller and JSON: never cached, never sniffed — errors included. */
export function apiHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  };
}
