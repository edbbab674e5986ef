import type { Context, MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors.js';
import { hasRole, type Principal, type Role } from '../../shared/people/person.js';

/** What every API request carries after `resolvePrincipal`: who is asking, or null. */
export type AuthEnv = { Variables: { principal: Principal | null } };

/** One way of recognising the caller (a bearer key, the workspace's session cookie…); null when it does not apply. */
export type PrincipalResolver = (c: Context) => Promise<Principal | null>;

const BEARER = /^Bearer\s+(\S{1,512})$/i;

/** `Authorization: Bearer <key>`, checked by the given function (Access.authenticateKey). */
export function bearerResolver(authenticateKey: (key: string) => Promise<Principal | null>): PrincipalResolver {
  return async (c) => {
    const match = BEARER.exec(c.req.header('Authorization') ?? '');
    return match?.[1] ? authenticateKey(match[1]) : null;
  };
}

/**
 * Resolves the principal once per request: the first resolver that recognises the caller wins.
 * Nothing is remembered between requests, so a revoked key fails on the next one.
 */
export function resolvePrincipal(resolvers: readonly PrincipalResolver[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    let principal: Principal | null = null;
    for (const resolve of resolvers) {
      principal = await resolve(c);
      if (principal) break;
    }
    c.set('principal', principal);
    await next();
  };
}

/** 401 without a principal, 403 `forbidden` with one whose role is below `minimum`. */
export function requireRole(minimum: Role): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal) {
      throw new UnauthorizedError(
        c.req.header('Authorization') ? 'The API key is not valid (or was revoked).' : 'Send an API key as "Authorization: Bearer <key>".',
      );
    }
    if (!hasRole(principal.role, minimum)) {
      throw new ForbiddenError(`This needs the ${minimum} role; ${principal.name} is ${principal.role}.`);
    }
    await next();
  };
}

/** The caller of a route guarded by `requireRole`. */
export function principalOf(c: Context<AuthEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw new UnauthorizedError('Send an API key as "Authorization: Bearer <key>".');
  return principal;
}
