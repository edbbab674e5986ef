import type { MiddlewareHandler } from 'hono';
import { UnauthorizedError } from '../../shared/errors.js';
import { CSRF_HEADER, isSafeMethod, type Sessions } from '../app/session.js';
import type { KeyAuthority, Principal } from './principal.js';

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal;
  }
}

/**
 * Who is calling `/api/*`: a Bearer key, or else the workspace's session cookie. A request made
 * with the cookie that changes anything must also carry the session's CSRF token and come from
 * the service's own origin (session.ts), so another site cannot borrow the cookie.
 */
export function authenticate(keys: KeyAuthority, sessions: Sessions | null): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('Authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S{1,512})$/i.exec(header);
      if (!match?.[1]) throw new UnauthorizedError('Send an API key as "Authorization: Bearer <key>".');
      const principal = await keys.authenticate(match[1]);
      if (!principal) throw new UnauthorizedError('The API key is not valid.');
      c.set('principal', principal);
      return next();
    }
    const signedIn = sessions ? await sessions.resolve(c) : null;
    if (!signedIn) throw new UnauthorizedError('Send an API key as "Authorization: Bearer <key>", or sign in at /app.');
    if (!isSafeMethod(c.req.method)) sessions!.checkCsrf(c, signedIn.session, c.req.header(CSRF_HEADER));
    c.set('principal', signedIn.principal);
    return next();
  };
}
