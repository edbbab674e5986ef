import { UnauthorizedError } from '../../../shared/errors.js';
import type { WorkspaceApp, WorkspaceKit } from '../kit.js';
import { renderArchivePage } from '../pages/archive.js';
import { can } from '../pages/layout.js';
import { renderSignInPage } from '../pages/sign-in.js';

/**
 * The front door: `/` (the sign-in page, or the archive for a signed-in editor) and `/sign-in`
 * need no session; then the gate every area added after this one sits behind; then `/sign-out`.
 */
export function addSignInRoutes(app: WorkspaceApp, { deps, page, ctxOf, formOf, text }: WorkspaceKit): void {
  app.get('/', async (c) => {
    const signedIn = await deps.sessions.resolve(c);
    if (!signedIn) return page(c, renderSignInPage(ctxOf(c), null));
    if (!can(signedIn.principal, 'editor')) return c.redirect('/app/library', 303);
    c.set('signedIn', signedIn);
    return page(c, renderArchivePage(ctxOf(c), []));
  });

  app.post('/sign-in', async (c) => {
    const key = text(await c.req.parseBody(), 'key').trim();
    if (key === '' || key.length > 512) return page(c, renderSignInPage(ctxOf(c), 'Enter your API key.'), 400);
    try {
      await deps.sessions.signIn(c, key);
    } catch (error) {
      if (error instanceof UnauthorizedError)
        return page(c, renderSignInPage(ctxOf(c), 'That key is not valid. Check it, or ask an admin for a new one.'), 401);
      throw error;
    }
    return c.redirect('/app', 303);
  });

  // Everything below needs a session; without one the browser goes to the sign-in page.
  app.use('*', async (c, next) => {
    const signedIn = await deps.sessions.resolve(c);
    if (!signedIn) {
      if (c.req.method === 'GET') return c.redirect('/app', 303);
      return page(c, renderSignInPage(ctxOf(c), 'Your session has ended; sign in again.'), 401);
    }
    c.set('signedIn', signedIn);
    await next();
  });

  app.post('/sign-out', async (c) => {
    await formOf(c);
    await deps.sessions.signOut(c);
    return c.redirect('/app', 303);
  });
}
