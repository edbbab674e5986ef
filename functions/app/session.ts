import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { SessionTable, StoredSession } from '../../shared/adapters/session-table.js';
import { hashApiKey } from '../../shared/config.js';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors.js';
import { type Principal, parsePersonalKey } from '../../shared/people/person.js';
import type { Access } from '../../shared/services/access.js';
import type { PrincipalResolver } from '../http/auth.js';

export const SESSION_COOKIE = 'pk_session';
export const CSRF_HEADER = 'X-CSRF-Token';
/** A working day and a bit: an editor signs in once a day, a stolen cookie does not last. */
const SESSION_HOURS = 12;

export interface SignedIn {
  readonly principal: Principal;
  readonly session: StoredSession;
}

export interface SessionDeps {
  readonly sessions: SessionTable;
  readonly access: Pick<Access, 'authenticateKey' | 'authenticateDigest'>;
  readonly now: () => Date;
  /** The service's public origin: the only one a state-changing request may come from. */
  readonly publicBaseUrl: string;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Workspace sessions (docs/adr/0009-workspace.md): a random token in an HttpOnly, SameSite=Strict
 * cookie (Secure when the service is on https), stored only as its digest; every request reads
 * the session and the key behind it again, with no cache, so sign-out, a revoked key or a removed
 * person end it at once.
 */
export function createSessions(deps: SessionDeps) {
  const secure = deps.publicBaseUrl.startsWith('https:');
  const publicOrigin = new URL(deps.publicBaseUrl).origin;

  async function signIn(c: Context, key: string): Promise<Principal> {
    const principal = await deps.access.authenticateKey(key);
    if (!principal) throw new UnauthorizedError('That API key is not valid.');
    const token = randomBytes(32).toString('base64url');
    const now = deps.now();
    await deps.sessions.put({
      tokenHash: digest(token),
      keyHash: hashApiKey(key),
      keyId: parsePersonalKey(key)?.keyId ?? null,
      csrf: randomBytes(32).toString('base64url'),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    });
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/', maxAge: SESSION_HOURS * 3600 });
    return principal;
  }

  async function resolve(c: Context): Promise<SignedIn | null> {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token || token.length > 100) return null;
    const session = await deps.sessions.get(digest(token));
    if (!session) return null;
    if (session.expiresAt <= deps.now().toISOString()) {
      await deps.sessions.delete(session.tokenHash);
      return null;
    }
    const principal = await deps.access.authenticateDigest(session.keyHash, session.keyId);
    if (!principal) {
      // The key was revoked or its person removed: the session goes with it.
      await deps.sessions.delete(session.tokenHash);
      return null;
    }
    return { principal, session };
  }

  async function signOut(c: Context): Promise<void> {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deps.sessions.delete(digest(token));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure });
  }

  /**
   * A state-changing request made with the cookie must come from the service's own pages: the
   * browser says so (Sec-Fetch-Site, else Origin), and it carries the session's own token.
   */
  function checkCsrf(c: Context, session: StoredSession, presented: string | undefined): void {
    if (!isSameOrigin(c, publicOrigin)) throw new ForbiddenError('This request did not come from a postkeep page.');
    const expected = Buffer.from(session.csrf);
    const given = Buffer.from(presented ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ForbiddenError('The form is out of date; reload the page and try again.');
    }
  }

  /**
   * The session as one of the API's principal resolvers (functions/http/auth.ts): a request with
   * the cookie that changes anything must also carry the CSRF token header.
   */
  const resolver: PrincipalResolver = async (c) => {
    const signedIn = vouched.get(c.req.raw) ?? (await resolve(c));
    if (!signedIn) return null;
    if (!isSafeMethod(c.req.method)) checkCsrf(c, signedIn.session, c.req.header(CSRF_HEADER));
    return signedIn.principal;
  };

  return { signIn, resolve, signOut, checkCsrf, resolver };
}

export type Sessions = ReturnType<typeof createSessions>;

/**
 * Requests a workspace page makes to `/api/*` in-process, with the session that page resolved a
 * moment ago in the same request: the API need not read it again. Only Request objects built by
 * the workspace itself can be here (nothing from outside reaches this map), and writes still pass
 * the CSRF check on their own headers.
 */
const vouched = new WeakMap<Request, SignedIn>();

export function vouchFor(request: Request, signedIn: SignedIn | null): Request {
  if (signedIn) vouched.set(request, signedIn);
  return request;
}

export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

function isSameOrigin(c: Context, publicOrigin: string): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  if (site) return site === 'same-origin';
  const origin = c.req.header('Origin');
  if (!origin) return true; // not a browser, or one too old to say; the token still has to match
  return isOwnOrigin(origin, c, publicOrigin);
}

/** Is `origin` the service's own: its public origin, or the one this request was addressed to? */
export function isOwnOrigin(origin: string, c: Context, publicOrigin: string): boolean {
  return origin === publicOrigin || origin === new URL(c.req.url).origin;
}
