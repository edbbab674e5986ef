import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { PostkeepError } from '../../shared/errors.js';
import { statusOf } from '../http/on-error.js';
import { requestIdOf } from '../http/request-id.js';
import { createWorkspaceKit, type WorkspaceDeps, type WorkspaceEnv } from './kit.js';
import { addActivityRoutes } from './routes/activity.js';
import { addArchiveRoutes } from './routes/archive.js';
import { addLibraryRoutes } from './routes/library.js';
import { addPeopleRoutes } from './routes/people.js';
import { addPostRoutes } from './routes/posts.js';
import { addRescueRoutes } from './routes/rescue.js';
import { addSignInRoutes } from './routes/sign-in.js';
import { isOwnOrigin } from './session.js';

/**
 * The editors' workspace at `/app` (docs/adr/0009-workspace.md): server-rendered pages that read
 * and write through `/api/*` like any client, plain forms that work without script, and small
 * scripts that add progress and copying where they earn their bytes.
 */
export function createWorkspaceApp(deps: WorkspaceDeps): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();
  const kit = createWorkspaceKit(deps);
  const { errorPage } = kit;

  app.use('*', async (c, next) => {
    c.set('assets', await deps.assets());
    await next();
  });
  // A form posted from another site fails here, before anything reads it (the browser names its
  // origin); requests with the cookie also need the session's token (session.ts).
  app.use('*', csrf({ origin: (value, c) => isOwnOrigin(value, c, kit.origin) }));

  app.get('/assets/:file', (c) => {
    const asset = c.var.assets.byPath(c.req.path);
    if (!asset) return c.text('Not found', 404);
    return c.body(asset.body, 200, {
      'Content-Type': asset.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  // Hono runs handlers in the order they are added: sign-in adds `/` and `/sign-in`, then the
  // session gate, so every area added after it is for signed-in people only; the catch-all is last.
  addSignInRoutes(app, kit);
  addArchiveRoutes(app, kit);
  addLibraryRoutes(app, kit);
  addPostRoutes(app, kit);
  addRescueRoutes(app, kit);
  addActivityRoutes(app, kit);
  addPeopleRoutes(app, kit);

  app.all('*', (c) => errorPage(c, 404, 'There is no such page in the workspace.'));

  // Domain errors answer the status the API gives them (a store that is down is a 503 to retry,
  // not the editor's mistake), and everything else is logged once, as the API's failures are.
  app.onError((error, c) => {
    if (error instanceof PostkeepError) {
      const status = statusOf(error);
      if (status >= 500)
        deps.log.warn(error.message, { code: error.code, status, requestId: requestIdOf(c), route: `${c.req.method} ${c.req.path}` });
      const answer = errorPage(c, status, error.message);
      if (status === 503) answer.headers.set('Retry-After', '5');
      return answer;
    }
    if (error instanceof HTTPException && error.status === 403) return errorPage(c, 403, 'This form did not come from a postkeep page.');
    if (error instanceof HTTPException) return errorPage(c, error.status, error.message || 'The request could not be read.');
    deps.log.error('unexpected failure', {
      code: 'internal',
      status: 500,
      requestId: requestIdOf(c),
      route: `${c.req.method} ${c.req.path}`,
      error,
    });
    return errorPage(c, 500, 'Something went wrong on our side; try again.');
  });
  return app;
}
