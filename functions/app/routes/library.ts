import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Page, Post } from '../api-client.js';
import type { WorkspaceApp, WorkspaceKit } from '../kit.js';
import { renderLibraryPage, STATUSES } from '../pages/library.js';

/** The library: every archived post, searched and filtered through `GET /api/posts`. */
export function addLibraryRoutes(app: WorkspaceApp, { page, ctxOf, apiOf }: WorkspaceKit): void {
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
}
