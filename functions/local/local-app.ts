import { Hono } from 'hono';
import { type ApiDeps, createApiApp } from '../api/app.js';
import { createOnError, notFound } from '../http/on-error.js';
import { requestId } from '../http/request-id.js';
import { createOEmbedApp, type OEmbedDeps, type OEmbedPosts } from '../oembed/app.js';
import { createReaderApp, type ReaderDeps } from '../reader/app.js';

/**
 * The whole service on one port, routed the way the CDN routes it in AWS: `/embed/*` and
 * `/media/*` from the bucket, `/oembed` from the read-only app (reading through `oembedPosts`, as
 * its function does), everything else to the API. Its
 * own not-found and error handlers answer what no mounted app claims (an unknown `/api/*` route
 * is JSON 404 here as in AWS).
 */
export function createLocalApp(deps: ApiDeps & OEmbedDeps & ReaderDeps & { readonly oembedPosts: OEmbedPosts }): Hono {
  const app = new Hono();
  app.use('*', requestId());
  app.route('/', createReaderApp(deps));
  app.route('/', createOEmbedApp({ ...deps, posts: deps.oembedPosts }));
  app.route('/', createApiApp(deps));
  app.notFound(notFound);
  app.onError(createOnError(deps.log));
  return app;
}
