import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SessionTable } from '../../shared/adapters/session-table.js';
import type { Log } from '../../shared/log.js';
import { type ApiClient, type ApiFetch, createApiClient } from './api-client.js';
import type { WorkspaceAssets } from './assets.js';
import { renderErrorPage } from './pages/error.js';
import type { PageContext, RenderedPage } from './pages/layout.js';
import type { Sessions, SignedIn } from './session.js';

export interface WorkspaceDeps {
  readonly sessions: Sessions;
  readonly sessionTable: SessionTable;
  readonly assets: () => Promise<WorkspaceAssets>;
  /** The service's own `/api/*`, called in-process with the browser's cookie. */
  readonly api: ApiFetch;
  readonly publicBaseUrl: string;
  readonly now: () => Date;
  /** Where failures the pages answer as 5xx are reported. */
  readonly log: Log;
}

export type WorkspaceEnv = { Variables: { signedIn: SignedIn; assets: WorkspaceAssets } };
export type WorkspaceApp = Hono<WorkspaceEnv>;
export type WorkspaceContext = Context<WorkspaceEnv>;
/** A posted form's fields, as `parseBody` reads them. */
export type Form = Record<string, string | File>;

/**
 * What every area of the workspace (functions/app/routes/*) builds its routes from: how a page is
 * answered, what it is rendered with, the API as the signed-in browser, and the posted form once
 * its CSRF token has passed.
 */
export function createWorkspaceKit(deps: WorkspaceDeps) {
  const origin = new URL(deps.publicBaseUrl).origin;

  const page = (c: WorkspaceContext, rendered: RenderedPage, status: ContentfulStatusCode = 200) =>
    c.html(rendered.html, status, {
      'Content-Security-Policy': rendered.csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    });
  const ctxOf = (c: WorkspaceContext): PageContext => ({
    me: c.var.signedIn?.principal ?? null,
    csrf: c.var.signedIn?.session.csrf ?? null,
    assets: c.var.assets,
  });
  const apiOf = (c: WorkspaceContext): ApiClient =>
    createApiClient(deps.api, {
      origin,
      cookie: c.req.header('Cookie'),
      csrf: c.var.signedIn?.session.csrf ?? null,
      signedIn: c.var.signedIn ?? null,
    });
  const text = (body: Form, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  const formOf = async (c: WorkspaceContext): Promise<Form> => {
    const body = (await c.req.parseBody({ all: false })) as Form;
    deps.sessions.checkCsrf(c, c.var.signedIn.session, text(body, 'csrf'));
    return body;
  };
  const errorPage = (c: WorkspaceContext, status: number, message: string) =>
    page(c, renderErrorPage(ctxOf(c), status, message), status as ContentfulStatusCode);

  return { deps, origin, page, ctxOf, apiOf, formOf, text, errorPage };
}

export type WorkspaceKit = ReturnType<typeof createWorkspaceKit>;
