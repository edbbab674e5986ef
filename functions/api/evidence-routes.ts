import { Hono } from 'hono';
import type { ObjectStore } from '../../shared/adapters/object-store.js';
import { NotFoundError } from '../../shared/errors.js';
import type { PostService } from '../../shared/services/post-service.js';
import { checkPostId } from '../http/validation.js';

export interface EvidenceDeps {
  readonly service: PostService;
  readonly objects: ObjectStore;
  readonly publicBaseUrl: string;
}

/** `evidence/<id>/<capture time>/<page>.html`, as upstream-capture.ts writes it. */
const EVIDENCE_KEY = /^evidence\/[^/]+\/([^/]+)\/([a-z-]+\.html)$/;

/**
 * The raw upstream pages a record was derived from, for editors who must show what Instagram
 * served: listed per post, downloaded as attachments that never render on the service's origin.
 */
export function createEvidenceRoutes(deps: EvidenceDeps): Hono {
  const app = new Hono();

  app.get('/posts/:id/evidence', async (c) => {
    const record = await deps.service.get(checkPostId(c.req.param('id')));
    const items = record.evidence.flatMap((key) => {
      const match = EVIDENCE_KEY.exec(key);
      if (!match) return [];
      const name = `${match[1]}/${match[2]}`;
      return [{ name, url: `/api/posts/${record.id}/evidence/${name}`, bytes: null }];
    });
    return c.json({ items: items.reverse() });
  });

  app.get('/posts/:id/evidence/:stamp/:file', async (c) => {
    const record = await deps.service.get(checkPostId(c.req.param('id')));
    const key = `evidence/${record.id}/${c.req.param('stamp')}/${c.req.param('file')}`;
    const stored = record.evidence.includes(key) ? await deps.objects.get(key) : null;
    if (!stored) throw new NotFoundError('This post keeps no such raw page.');
    const filename = `${record.id}-${c.req.param('stamp')}-${c.req.param('file')}`.replace(/[^A-Za-z0-9._-]/g, '_');
    return c.body(new Uint8Array(stored.body), 200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      // Upstream markup, never run: even if opened in place it is sandboxed and script-free.
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
    });
  });
  return app;
}
