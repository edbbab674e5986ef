import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { Journal } from '../../shared/adapters/journal.js';
import type { SearchIndex } from '../../shared/adapters/search-index.js';
import type { SessionTable } from '../../shared/adapters/session-table.js';
import { PayloadTooLargeError } from '../../shared/errors.js';
import { toInlineHtml, toOEmbed } from '../../shared/oembed/index.js';
import { ROLES } from '../../shared/people/person.js';
import type { PostRecord } from '../../shared/post/post.js';
import { toPostJson } from '../../shared/post/post-json.js';
import { toVersionJson } from '../../shared/post/versions.js';
import { parseSearchQuery } from '../../shared/search/tokens.js';
import type { Access } from '../../shared/services/access.js';
import type { PostService } from '../../shared/services/post-service.js';
import type { RescueService } from '../../shared/services/rescue-service.js';
import { createWorkspaceApp } from '../app/app.js';
import type { WorkspaceAssets } from '../app/assets.js';
import { createSessions } from '../app/session.js';
import { MAX_ARTICLE_BYTES, readArticle } from '../http/article-body.js';
import { type AuthEnv, bearerResolver, type PrincipalResolver, principalOf, requireRole, resolvePrincipal } from '../http/auth.js';
import { jsonInParts } from '../http/json-in-parts.js';
import type { Log } from '../http/logger.js';
import { createOnError, notFound } from '../http/on-error.js';
import { apiHeaders, requestId } from '../http/request-id.js';
import { check, checkPostId, readJson } from '../http/validation.js';
import { createEvidenceRoutes, type EvidenceDeps } from './evidence-routes.js';
import { API_ROUTES } from './routes.js';

export interface ApiDeps extends EvidenceDeps {
  readonly service: PostService;
  readonly rescue: RescueService;
  readonly access: Access;
  readonly journal: Journal;
  /**
   * Ways of recognising a caller besides the bearer key (the workspace adds its session cookie
   * here); tried after the key, first match wins.
   */
  readonly principalResolvers?: readonly PrincipalResolver[];
  readonly publicBaseUrl: string;
  readonly sessions: SessionTable;
  readonly search: SearchIndex;
  /** The workspace's scripts and styles, built once on first use (functions/app/assets.ts). */
  readonly workspaceAssets: () => Promise<WorkspaceAssets>;
  readonly now: () => Date;
  readonly log: Log;
}

const captureBody = z.object({ url: z.string().min(1).max(2048) }).strict();
const correctionBody = z
  .object({
    url: z.string().min(1).max(2048).optional(),
    caption: z.string().max(10_000).nullable().optional(),
    author: z
      .object({
        handle: z
          .string()
          .regex(/^[A-Za-z0-9._]{1,30}$/, 'handles are 1-30 letters, digits, dots or underscores')
          .nullable()
          .optional(),
        name: z.string().max(200).nullable().optional(),
      })
      .strict()
      .optional(),
    takenAt: z.iso.datetime({ offset: true }).nullable().optional(),
    media: z
      .array(z.object({ index: z.number().int().min(0).max(50), alt: z.string().max(2000).nullable() }).strict())
      .max(50)
      .optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to correct');
const rescueQuery = z.object({
  dryRun: z
    .enum(['1', '0', 'true', 'false'])
    .optional()
    .transform((value) => value === '1' || value === 'true'),
});
const recheckQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  maxAgeHours: z.coerce
    .number()
    .min(0)
    .max(24 * 365)
    .default(24),
});
/**
 * The notice is kept as the requester's side wrote it (who asked, about what, when it was
 * received: e.g. `from`, `about`, `receivedAt`); only its size is limited.
 */
const noticeBody = z
  .record(z.string().min(1).max(40), z.string().max(2000).nullable())
  .refine((notice) => Object.keys(notice).length <= 12, 'a notice has at most 12 fields');
const hideBody = z.object({ reason: z.string().trim().min(3).max(500), notice: noticeBody.nullable().optional() }).strict();
const purgeBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
const personBody = z.object({ name: z.string().trim().min(1).max(200), role: z.enum(ROLES) }).strict();
const roleBody = z.object({ role: z.enum(ROLES) }).strict();
const auditQuery = z.object({
  postId: z.string().max(100).optional(),
  personId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2000).optional(),
});
const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
  q: z.string().max(200).optional(),
  status: z.enum(['live', 'removed', 'unknown', 'hidden']).optional(),
  /** With status=removed: only posts found removed after this time, most recent first (the activity page). */
  removedSince: z.iso.datetime({ offset: true }).optional(),
});

const tooLarge = () => {
  throw new PayloadTooLargeError('The body is larger than this route accepts.');
};

/** The editors' API: archive, read, list, refresh and correct posts. Every route needs a key. */
export function createApiApp(deps: ApiDeps): Hono {
  const app = new Hono();
  app.use('*', requestId());
  const json = (c: Context, record: PostRecord, status: 200 | 201 = 200) => c.json(toPostJson(record, deps.publicBaseUrl), status);

  app.get('/healthz', (c) => c.json({ ok: true }));

  const sessions = createSessions({ sessions: deps.sessions, access: deps.access, now: deps.now, publicBaseUrl: deps.publicBaseUrl });
  const api = new Hono<AuthEnv>();
  api.use('*', apiHeaders());
  api.use(
    '*',
    resolvePrincipal([bearerResolver((key) => deps.access.authenticateKey(key)), sessions.resolver, ...(deps.principalResolvers ?? [])]),
  );
  // The one place roles are enforced: every route of the table, before its handler.
  for (const route of API_ROUTES) api.on(route.method, route.path, requireRole(route.role));

  api.post('/posts', bodyLimit({ maxSize: 16 * 1024, onError: tooLarge }), async (c) => {
    const { url } = await readJson(c, captureBody);
    const { post, created } = await deps.service.capture(url, principalOf(c));
    return json(c, post, created ? 201 : 200);
  });

  api.get('/posts', async (c) => {
    const query = check(listQuery, c.req.query());
    const page =
      query.removedSince !== undefined
        ? { items: await deps.search.removedSince(query.removedSince, query.limit), cursor: null }
        : await deps.search.search(parseSearchQuery(query.q), query.status ?? null, query.limit, query.cursor ?? null);
    return c.json({ items: page.items.map((record) => toPostJson(record, deps.publicBaseUrl)), cursor: page.cursor });
  });

  api.get('/posts/:id', async (c) => json(c, await deps.service.get(checkPostId(c.req.param('id')))));

  /** What an editor pastes: the iframe form (as oEmbed gives it) and an inline form for CMSs that take plain HTML. */
  api.get('/posts/:id/snippet', async (c) => {
    const record = await deps.service.get(checkPostId(c.req.param('id')));
    return c.json({
      iframe: toOEmbed(record, { baseUrl: deps.publicBaseUrl }).html,
      inline: toInlineHtml(record, deps.publicBaseUrl),
    });
  });

  api.post('/posts/:id/refresh', async (c) => json(c, await deps.service.refresh(checkPostId(c.req.param('id')), principalOf(c))));

  api.get('/posts/:id/versions', async (c) => {
    const versions = await deps.service.versions(checkPostId(c.req.param('id')));
    return c.json({ items: versions.map(toVersionJson) });
  });

  api.patch('/posts/:id', bodyLimit({ maxSize: 64 * 1024, onError: tooLarge }), async (c) => {
    const id = checkPostId(c.req.param('id'));
    const { url, ...correction } = await readJson(c, correctionBody);
    const actor = principalOf(c);
    const record =
      url === undefined ? await deps.service.correct(id, actor, correction) : await deps.service.attachUrl(id, actor, url, correction);
    return json(c, record);
  });

  api.post('/posts/:id/hide', bodyLimit({ maxSize: 16 * 1024, onError: tooLarge }), async (c) => {
    const id = checkPostId(c.req.param('id'));
    const { reason, notice } = await readJson(c, hideBody);
    return json(c, await deps.service.hide(id, principalOf(c), { reason, notice: notice ?? null }));
  });

  api.post('/posts/:id/unhide', async (c) => json(c, await deps.service.unhide(checkPostId(c.req.param('id')), principalOf(c))));

  api.post('/posts/:id/purge', bodyLimit({ maxSize: 16 * 1024, onError: tooLarge }), async (c) => {
    const id = checkPostId(c.req.param('id'));
    const { reason } = await readJson(c, purgeBody);
    return json(c, await deps.service.purge(id, principalOf(c), reason));
  });

  api.post('/rescue', bodyLimit({ maxSize: MAX_ARTICLE_BYTES, onError: tooLarge }), async (c) => {
    const { article, format } = await readArticle(c);
    const dryRun = check(rescueQuery, c.req.query()).dryRun;
    // Several megabytes of JSON: written a part at a time, as the article was read.
    return jsonInParts(c, { ...(await deps.rescue.rescue(article, format, { dryRun, actor: principalOf(c) })) });
  });

  /** Asks Instagram again about posts not checked lately; the same job runs on a schedule. */
  api.post('/recheck', async (c) => {
    const query = check(recheckQuery, c.req.query());
    return c.json(await deps.service.recheckDue({ maxAgeMs: query.maxAgeHours * 3_600_000, limit: query.limit }));
  });

  /** The audit log, newest first; read-only: only the actions themselves write to it. */
  api.get('/audit', async (c) => {
    const query = check(auditQuery, c.req.query());
    // A write that stopped between its item and its event is finished before the log is read.
    await deps.journal.finishPending();
    const filter = {
      ...(query.postId ? { postId: checkPostId(query.postId) } : {}),
      ...(query.personId ? { personId: query.personId } : {}),
    };
    return c.json(await deps.journal.listEvents(filter, query.limit, query.cursor ?? null));
  });

  api.get('/me', async (c) => c.json({ person: await deps.access.describe(principalOf(c)) }));

  api.get('/people', async (c) => c.json({ items: await deps.access.listPeople() }));

  api.post('/people', bodyLimit({ maxSize: 16 * 1024, onError: tooLarge }), async (c) => {
    const input = await readJson(c, personBody);
    return c.json(await deps.access.addPerson(principalOf(c), input), 201);
  });

  api.patch('/people/:id', bodyLimit({ maxSize: 16 * 1024, onError: tooLarge }), async (c) => {
    const { role } = await readJson(c, roleBody);
    return c.json(await deps.access.changeRole(principalOf(c), c.req.param('id'), role));
  });

  api.delete('/people/:id', async (c) => {
    await deps.access.removePerson(principalOf(c), c.req.param('id'));
    return c.body(null, 204);
  });

  api.post('/people/:id/keys', async (c) => c.json(await deps.access.addKey(principalOf(c), c.req.param('id')), 201));

  api.delete('/keys/:keyId', async (c) => {
    await deps.access.revokeKey(principalOf(c), c.req.param('keyId'));
    return c.body(null, 204);
  });

  api.route('/', createEvidenceRoutes(deps));

  app.route('/api', api);
  app.route(
    '/app',
    createWorkspaceApp({
      sessions,
      sessionTable: deps.sessions,
      assets: deps.workspaceAssets,
      api: (request) => app.fetch(request),
      publicBaseUrl: deps.publicBaseUrl,
      now: deps.now,
      log: deps.log,
    }),
  );
  app.notFound(notFound);
  app.onError(createOnError(deps.log));
  return app;
}
