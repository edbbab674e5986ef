import { Hono } from 'hono';
import { type ApiDeps, createApiApp } from '../api/app.js';
import { createOEmbedApp, type OEmbedDeps } from '../oembed/app.js';
import { createReaderApp, type ReaderDeps } from '../reader/app.js';

/**
 * The whole service on one port, routed the way the CDN routes it in AWS: `/embed/*` and
 * `/media/*` from the bucket, `/oembed` from the read-only app, everything else to the API.
 */
export function createLocalApp(deps: ApiDeps & OEmbedDeps & ReaderDeps): Hono {
  const app = new Hono();
  app.route('/', createReaderApp(deps));
  app.route('/', createOEmbedApp(deps));
  app.route('/', createApiApp(deps));
  return app;
}
