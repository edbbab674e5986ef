import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiClient, ApiResult, AuditEvent, Page, Post, Snippet, Version } from '../api-client.js';
import type { Form, WorkspaceApp, WorkspaceContext, WorkspaceKit } from '../kit.js';
import { can } from '../pages/layout.js';
import { type EvidenceItem, type PostPageData, renderPostPage } from '../pages/post.js';

/** What a post's page says after each write, named by the `?done=` of the redirect to it. */
const DONE = {
  refreshed: 'Re-checked on Instagram just now.',
  corrected: 'Corrections saved.',
  hidden: 'Hidden: readers now see the tombstone with the attribution only.',
  unhidden: 'Unhidden: readers see the archived post again.',
  purged: 'Purged: every stored byte of this post is deleted; the tombstone stays.',
} as const;

/** A post's page, and the writes made from it: re-check, hide, unhide, purge, correct. */
export function addPostRoutes(app: WorkspaceApp, { page, ctxOf, apiOf, formOf, text, errorPage }: WorkspaceKit): void {
  const postPage = async (c: WorkspaceContext, id: string, flash: PostPageData['flash'], status: ContentfulStatusCode = 200) => {
    const api = apiOf(c);
    const path = postPath(id);
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
    // Only the table's own keys: `?done=constructor` must not find Object.prototype's.
    const key = c.req.query('done') ?? '';
    const done = Object.hasOwn(DONE, key) ? DONE[key as keyof typeof DONE] : null;
    return postPage(c, c.req.param('id'), done ? { kind: 'ok', text: done } : null);
  });

  /** Runs one write on a post, then shows the post: after a redirect when it worked, with the reason when not. */
  const postAction = (
    name: string,
    done: keyof typeof DONE,
    call: (api: ApiClient, path: string, body: Form) => Promise<ApiResult<unknown>>,
  ) =>
    app.post(`/posts/:id/${name}`, async (c) => {
      const body = await formOf(c);
      const id = c.req.param('id');
      const result = await call(apiOf(c), postPath(id), body);
      if (result.ok) return c.redirect(`/app${postPath(id)}?done=${done}`, 303);
      return postPage(c, id, { kind: 'bad', text: result.message }, result.status as ContentfulStatusCode);
    });

  postAction('refresh', 'refreshed', (api, path) => api.post(`${path}/refresh`));
  postAction('hide', 'hidden', (api, path, body) => {
    const notice = {
      from: text(body, 'noticeFrom').trim(),
      about: text(body, 'noticeAbout').trim(),
      receivedAt: toIso(text(body, 'noticeReceivedAt')),
    };
    const hasNotice = notice.from !== '' || notice.about !== '' || notice.receivedAt !== null;
    return api.post(`${path}/hide`, {
      reason: text(body, 'reason'),
      ...(hasNotice ? { notice: compact(notice) } : {}),
    });
  });
  postAction('unhide', 'unhidden', (api, path) => api.post(`${path}/unhide`));
  postAction('purge', 'purged', (api, path, body) => api.post(`${path}/purge`, { reason: text(body, 'reason') }));
  postAction('correct', 'corrected', async (api, path, body) => {
    const current = await api.get<Post>(path);
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
    return api.patch(path, patch);
  });
}

/** A post's path below `/api` (and below `/app`, where its page is). */
function postPath(id: string): string {
  return `/posts/${encodeURIComponent(id)}`;
}

function toIso(value: string): string | null {
  if (!value.trim()) return null;
  const date = new Date(`${value}${/Z|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function compact<T extends Record<string, string | null>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== '')) as Partial<T>;
}
