/** @jsxImportSource hono/jsx */
import { type Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SessionTable } from '../../shared/adapters/session-table.js';
import { toHtmlString } from '../../shared/embed/render-embed-page.js';
import { ForbiddenError, PostkeepError, UnauthorizedError } from '../../shared/errors.js';
import {
  type ApiClient,
  type ApiFetch,
  type ApiResult,
  createApiClient,
  type Page,
  type Person,
  type Post,
  type Snippet,
} from './api-client.js';
import type { WorkspaceAssets } from './assets.js';
import { renderActivityPage } from './pages/activity.js';
import { type ArchiveLine, ArchiveResult, renderArchivePage } from './pages/archive.js';
import { can, type PageContext, type RenderedPage, renderPage } from './pages/layout.js';
import { renderLibraryPage, STATUSES } from './pages/library.js';
import { type NewKey, renderPeoplePage } from './pages/people.js';
import { type EvidenceItem, type PostPageData, renderPostPage } from './pages/post.js';
import { type RescueAnswer, RescueResults, renderRescuePage } from './pages/rescue.js';
import { renderSignInPage } from './pages/sign-in.js';
import type { Sessions, SignedIn } from './session.js';

export interface WorkspaceDeps {
  readonly sessions: Sessions;
  readonly sessionTable: SessionTable;
  readonly assets: () => Promise<WorkspaceAssets>;
  /** The service's own `/api/*`, called in-process with the browser's cookie. */
  readonly api: ApiFetch;
  readonly publicBaseUrl: string;
  readonly now: () => Date;
}

type Env = { Variables: { signedIn: SignedIn; assets: WorkspaceAssets } };

/** Lines of the archive form taken per submission; more is a bulk job for `npm run rescue`. */
const MAX_LINES = 50;

const DONE: Record<string, string> = {
  refreshed: 'Re-checked on Instagram just now.',
  corrected: 'Corrections saved.',
  hidden: 'Hidden: readers now see the tombstone with the attribution only.',
  unhidden: 'Unhidden: readers see the archived post again.',
  purged: 'Purged: every stored byte of this post is deleted; the tombstone stays.',
};

/**
 * The editors' workspace at `/app` (docs/adr/0009-workspace.md): server-rendered pages that read
 * and write through `/api/*` like any client, plain forms that work without script, and small
 * scripts that add progress and copying where they earn their bytes.
 */
export function createWorkspaceApp(deps: WorkspaceDeps): Hono<Env> {
  const app = new Hono<Env>();
  const origin = new URL(deps.publicBaseUrl).origin;

  app.use('*', async (c, next) => {
    c.set('assets', await deps.assets());
    await next();
  });
  // A form posted from another site fails here, before anything reads it (the browser names its
  // origin); requests with the cookie also need the session's token (session.ts).
  app.use('*', csrf({ origin: (value, c) => value === origin || value === new URL(c.req.url).origin }));

  app.get('/assets/:file', (c) => {
    const asset = c.var.assets.byPath(c.req.path);
    if (!asset) return c.text('Not found', 404);
    return c.body(asset.body, 200, {
      'Content-Type': asset.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  const page = (c: Context<Env>, rendered: RenderedPage, status: ContentfulStatusCode = 200) =>
    c.html(rendered.html, status, {
      'Content-Security-Policy': rendered.csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    });
  const ctxOf = (c: Context<Env>): PageContext => ({
    me: c.var.signedIn?.principal ?? null,
    csrf: c.var.signedIn?.session.csrf ?? null,
    assets: c.var.assets,
  });
  const apiOf = (c: Context<Env>): ApiClient =>
    createApiClient(deps.api, {
      origin,
      cookie: c.req.header('Cookie'),
      csrf: c.var.signedIn?.session.csrf ?? null,
      signedIn: c.var.signedIn ?? null,
    });
  const formOf = async (c: Context<Env>): Promise<Record<string, string | File>> => {
    const body = (await c.req.parseBody({ all: false })) as Record<string, string | File>;
    deps.sessions.checkCsrf(c, c.var.signedIn.session, typeof body.csrf === 'string' ? body.csrf : undefined);
    return body;
  };
  const text = (body: Record<string, string | File>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');

  app.get('/', async (c) => {
    const signedIn = await deps.sessions.resolve(c);
    if (!signedIn) return page(c, renderSignInPage(ctxOf(c), null));
    if (!can(signedIn.principal, 'editor')) return c.redirect('/app/library', 303);
    c.set('signedIn', signedIn);
    return page(c, renderArchivePage(ctxOf(c), []));
  });

  app.post('/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const key = typeof body.key === 'string' ? body.key.trim() : '';
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

  // --- Archive -------------------------------------------------------------------------------

  const archiveLine = async (api: ApiClient, url: string): Promise<ArchiveLine> => {
    const result = await api.post<Post>('/posts', { url });
    const snippet = result.ok ? await api.get<Snippet>(`/posts/${encodeURIComponent(result.data.id)}/snippet`) : null;
    return { url, result, snippet: snippet?.ok ? snippet.data : null };
  };

  app.post('/archive', async (c) => {
    const body = await formOf(c);
    const input = text(body, 'urls');
    const urls = input
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .slice(0, MAX_LINES);
    const api = apiOf(c);
    const lines: ArchiveLine[] = [];
    for (const url of urls) lines.push(await archiveLine(api, url));
    return page(c, renderArchivePage(ctxOf(c), lines, input));
  });

  /** One line at a time for the archive script, so each shows its own progress and outcome. */
  app.post('/archive/line', async (c) => {
    const body = await formOf(c);
    const url = text(body, 'url').trim().slice(0, 2048);
    const index = Number.parseInt(text(body, 'index'), 10);
    const line = await archiveLine(apiOf(c), url);
    return c.html(toHtmlString(<ArchiveResult line={line} index={Number.isInteger(index) ? index : 0} />));
  });

  // --- Library and post pages ------------------------------------------------------------------

  app.get('/library', async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const status = (STATUSES as readonly string[]).includes(c.req.query('status') ?? '') ? (c.req.query('status') as string) : '';
    const cursor = c.req.query('cursor') ?? null;
    const limit = Number.parseInt(c.req.query('limit') ?? '', 10);
    const params = new URLSearchParams();
    if (Number.isInteger(limit) && limit >= 1 && limit <= 100) params.set('limit', String(limit));
    if (q) params.set('q', q);
    if (status) params.set('status', status);
    if (cursor) params.set('cursor', cursor);
    const result = await apiOf(c).get<Page<Post>>(`/posts?${params.toString()}`);
    return page(c, renderLibraryPage(ctxOf(c), { q, status, cursor }, result), result.ok ? 200 : (result.status as ContentfulStatusCode));
  });

  const postPage = async (c: Context<Env>, id: string, flash: PostPageData['flash'], status: ContentfulStatusCode = 200) => {
    const api = apiOf(c);
    const path = `/posts/${encodeURIComponent(id)}`;
    const [post, snippet, versions, evidence, audit] = await Promise.all([
      api.get<Post>(path),
      api.get<Snippet>(`${path}/snippet`),
      api.get<{ items: Version[] }>(`${path}/versions`),
      api.get<{ items: EvidenceItem[] }>(`${path}/evidence`),
      can(c.var.signedIn.principal, 'editor')
        ? api.get<Page<AuditEvent>>(`/audit?postId=${encodeURIComponent(id)}`)
        : Promise.resolve(null),
    ]);
    if (!post.ok) return errorPage(c, post.status, post.message);
    return page(
      c,
      renderPostPage(ctxOf(c), { post: post.data, snippet: snippet.ok ? snippet.data : null, versions, evidence, audit, flash }),
      status,
    );
  };

  app.get('/posts/:id', (c) => {
    const done = DONE[c.req.query('done') ?? ''];
    return postPage(c, c.req.param('id'), done ? { kind: 'ok', text: done } : null);
  });

  /** Runs one write on a post, then shows the post: after a redirect when it worked, with the reason when not. */
  const postAction = (
    name: string,
    call: (api: ApiClient, id: string, body: Record<string, string | File>) => Promise<ApiResult<unknown>>,
  ) =>
    app.post(`/posts/:id/${name}`, async (c) => {
      const body = await formOf(c);
      const id = c.req.param('id');
      const result = await call(apiOf(c), id, body);
      if (result.ok)
        return c.redirect(
          `/app/posts/${encodeURIComponent(id)}?done=${name === 'refresh' ? 'refreshed' : name === 'correct' ? 'corrected' : `${name === 'unhide' ? 'unhidden' : name === 'purge' ? 'purged' : 'hidden'}`}`,
          303,
        );
      return postPage(c, id, { kind: 'bad', text: result.message }, result.status as ContentfulStatusCode);
    });

  postAction('refresh', (api, id) => api.post(`/posts/${encodeURIComponent(id)}/refresh`));
  postAction('hide', (api, id, body) => {
    const notice = {
      from: text(body, 'noticeFrom').trim(),
      about: text(body, 'noticeAbout').trim(),
      receivedAt: toIso(text(body, 'noticeReceivedAt')),
    };
    const hasNotice = notice.from !== '' || notice.about !== '' || notice.receivedAt !== null;
    return api.post(`/posts/${encodeURIComponent(id)}/hide`, {
      reason: text(body, 'reason'),
      ...(hasNotice ? { notice: compact(notice) } : {}),
    });
  });
  postAction('unhide', (api, id) => api.post(`/posts/${encodeURIComponent(id)}/unhide`));
  postAction('purge', (api, id, body) => api.post(`/posts/${encodeURIComponent(id)}/purge`, { reason: text(body, 'reason') }));
  postAction('correct', async (api, id, body) => {
    const current = await api.get<Post>(`/posts/${encodeURIComponent(id)}`);
    if (!current.ok) return current;
    const post = current.data;
    const patch: Record<string, unknown> = {};
    const media = post.media
      .map((item, index) => ({ index, alt: text(body, `alt.${index}`).trim() || null, before: item.alt }))
      .filter((item) => item.alt !== item.before)
      .map(({ index, alt }) => ({ index, alt }));
    if (media.length > 0) patch.media = media;
    const caption = text(body, 'caption').replace(/\r\n/g, '\n');
    if ((caption.trim() === '' ? null : caption) !== post.caption && 'caption' in body)
      patch.caption = caption.trim() === '' ? null : caption;
    const author: Record<string, string | null> = {};
    const name = text(body, 'name').trim() || null;
    const handle = text(body, 'handle').trim().replace(/^@/, '') || null;
    if ('name' in body && name !== post.author.name) author.name = name;
    if ('handle' in body && handle !== post.author.handle) author.handle = handle;
    if (Object.keys(author).length > 0) patch.author = author;
    if (Object.keys(patch).length === 0) return { ok: true, status: 200, data: post };
    return api.patch(`/posts/${encodeURIComponent(id)}`, patch);
  });

  // --- Rescue ---------------------------------------------------------------------------------

  const readRescueForm = async (c: Context<Env>) => {
    const body = await formOf(c);
    const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
    const article = file ? await file.text() : text(body, 'article');
    const type = file
      ? /\.(md|markdown)$/i.test(file.name)
        ? 'text/markdown'
        : /\.txt$/i.test(file.name)
          ? 'text/plain'
          : 'text/html'
      : /<[a-z!]/i.test(article)
        ? 'text/html'
        : 'text/plain';
    return { article, type, pasted: file ? '' : article };
  };
  const rescue = (c: Context<Env>, article: string, type: string, dryRun: boolean) =>
    article.trim() === ''
      ? Promise.resolve<ApiResult<RescueAnswer>>({ ok: false, status: 400, code: 'empty', message: 'Paste an article or choose its file.' })
      : apiOf(c).post<RescueAnswer>(`/rescue${dryRun ? '?dryRun=1' : ''}`, article, type);

  app.get('/rescue', (c) =>
    can(c.var.signedIn.principal, 'editor')
      ? page(c, renderRescuePage(ctxOf(c), { article: '', result: null }))
      : errorPage(c, 403, 'Your role can read the library but not rescue articles.'),
  );
  app.post('/rescue', async (c) => {
    const form = await readRescueForm(c);
    const result = await rescue(c, form.article, form.type, false);
    return page(c, renderRescuePage(ctxOf(c), { article: form.pasted, result }), result.ok ? 200 : (result.status as ContentfulStatusCode));
  });
  /** For the rescue script: `?dryRun=1` lists what the article holds at once, then the real run. */
  app.post('/rescue/fragment', async (c) => {
    const form = await readRescueForm(c);
    const dryRun = c.req.query('dryRun') === '1';
    const result = await rescue(c, form.article, form.type, dryRun);
    if (!result.ok)
      return c.html(
        toHtmlString(
          <p class="notice bad" role="alert">
            {result.message}
          </p>,
        ),
        result.status as ContentfulStatusCode,
      );
    return c.html(toHtmlString(<RescueResults answer={result.data} dryRun={dryRun} />));
  });

  // --- Activity -------------------------------------------------------------------------------

  app.get('/activity', async (c) => {
    const me = c.var.signedIn.principal;
    const since = await deps.sessionTable.getLastVisit(me.id);
    const api = apiOf(c);
    const cursor = c.req.query('cursor') ?? null;
    const [removed, audit] = await Promise.all([
      api.get<Page<Post>>(`/posts?status=removed${since ? `&removedSince=${encodeURIComponent(since)}` : ''}`),
      can(me, 'editor')
        ? api.get<Page<AuditEvent>>(`/audit${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`)
        : Promise.resolve(null),
    ]);
    if (!cursor) await deps.sessionTable.putLastVisit(me.id, deps.now().toISOString());
    return page(c, renderActivityPage(ctxOf(c), { since, removed, audit, cursor }));
  });

  // --- People (admins) ------------------------------------------------------------------------

  const peoplePage = async (
    c: Context<Env>,
    newKey: NewKey | null,
    flash: { kind: 'ok' | 'bad'; text: string } | null,
    status: ContentfulStatusCode = 200,
  ) => {
    if (!can(c.var.signedIn.principal, 'admin')) return errorPage(c, 403, 'Only admins manage people.');
    const people = await apiOf(c).get<{ items: Person[] }>('/people');
    return page(c, renderPeoplePage(ctxOf(c), { people, newKey, flash }), status);
  };
  const peopleAction = async (c: Context<Env>, result: ApiResult<unknown>, okText: string, newKey: NewKey | null = null) =>
    result.ok
      ? peoplePage(c, newKey, { kind: 'ok', text: okText })
      : peoplePage(c, null, { kind: 'bad', text: result.message }, result.status as ContentfulStatusCode);

  app.get('/people', (c) => peoplePage(c, null, null));
  app.post('/people', async (c) => {
    const body = await formOf(c);
    const name = text(body, 'name').trim();
    const result = await apiOf(c).post<{ person: Person; key: string }>('/people', { name, role: text(body, 'role') });
    return peopleAction(c, result, `${name} was added.`, result.ok ? { name: result.data.person.name, key: result.data.key } : null);
  });
  app.post('/people/:id/role', async (c) => {
    const body = await formOf(c);
    const result = await apiOf(c).patch<Person>(`/people/${encodeURIComponent(c.req.param('id'))}`, { role: text(body, 'role') });
    return peopleAction(c, result, result.ok ? `${result.data.name} is now ${result.data.role}.` : '');
  });
  app.post('/people/:id/keys', async (c) => {
    await formOf(c);
    const result = await apiOf(c).post<{ keyId: string; key: string }>(`/people/${encodeURIComponent(c.req.param('id'))}/keys`);
    return peopleAction(c, result, 'A new key was issued.', result.ok ? { name: 'this person', key: result.data.key } : null);
  });
  app.post('/keys/:keyId/revoke', async (c) => {
    await formOf(c);
    const result = await apiOf(c).delete(`/keys/${encodeURIComponent(c.req.param('keyId'))}`);
    return peopleAction(c, result, 'The key was revoked; it stopped working at once.');
  });
  app.post('/people/:id/remove', async (c) => {
    await formOf(c);
    const result = await apiOf(c).delete(`/people/${encodeURIComponent(c.req.param('id'))}`);
    return peopleAction(c, result, 'The person was removed; their keys and sessions stopped working.');
  });

  app.all('*', (c) => errorPage(c, 404, 'There is no such page in the workspace.'));

  const errorPage = (c: Context<Env>, status: number, message: string) =>
    page(
      c,
      renderPage(ctxOf(c), {
        title: status === 404 ? 'Not found' : 'Something went wrong',
        section: null,
        children: (
          <>
            <h1>{status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : 'Something went wrong'}</h1>
            <p class="notice bad" role="alert">
              {message}
            </p>
            <p>
              <a href="/app">Back to the workspace</a>
            </p>
          </>
        ),
      }),
      status as ContentfulStatusCode,
    );

  app.onError((error, c) => {
    if (error instanceof ForbiddenError) return errorPage(c, 403, error.message);
    if (error instanceof PostkeepError) return errorPage(c, 400, error.message);
    if (error instanceof HTTPException && error.status === 403) return errorPage(c, 403, 'This form did not come from a postkeep page.');
    if (error instanceof HTTPException) return errorPage(c, error.status, error.message || 'The request could not be read.');
    console.error(JSON.stringify({ level: 'error', where: 'workspace', message: error.message, stack: error.stack }));
    return errorPage(c, 500, 'Something went wrong on our side; try again.');
  });
  return app;
}

function toIso(value: string): string | null {
  if (!value.trim()) return null;
  const date = new Date(`${value}${/Z|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function compact<T extends Record<string, string | null>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== '')) as Partial<T>;
}

type Version = import('./api-client.js').Version;
type AuditEvent = import('./api-client.js').AuditEvent;
