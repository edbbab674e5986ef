import type { AuditEvent, Page, Post } from '../api-client.js';
import type { WorkspaceApp, WorkspaceKit } from '../kit.js';
import { renderActivityPage } from '../pages/activity.js';
import { can } from '../pages/layout.js';

/** Posts found removed on Instagram since the person's last visit, and (editors) the audit trail. */
export function addActivityRoutes(app: WorkspaceApp, { deps, page, ctxOf, apiOf }: WorkspaceKit): void {
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
}
