import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { hashApiKey } from '../../shared/config.js';
import { UnauthorizedError } from '../../shared/errors.js';

/**
 * Bearer keys are compared as sha256 digests in constant time: the service holds only digests,
 * and the comparison costs the same whichever key, or how much of one, matches.
 */
export function requireApiKey(keyHashes: readonly string[]): MiddlewareHandler {
  const known = keyHashes.map((hex) => Buffer.from(hex, 'hex'));
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S{1,512})$/i.exec(header);
    if (!match?.[1]) throw new UnauthorizedError('Send an API key as "Authorization: Bearer <key>".');
    const presented = Buffer.from(hashApiKey(match[1]), 'hex');
    let ok = false;
    for (const digest of known) ok = timingSafeEqual(digest, presented) || ok;
    if (!ok) throw new UnauthorizedError('The API key is not valid.');
    await next();
  };
}
