/** @jsxImportSource hono/jsx */
import { toHtmlString } from '../../../shared/embed/html-string.js';
import type { ApiClient, Post, Snippet } from '../api-client.js';
import type { WorkspaceApp, WorkspaceKit } from '../kit.js';
import { type ArchiveLine, ArchiveResult, renderArchivePage } from '../pages/archive.js';

/** Lines of the archive form taken per submission; more is a bulk job for `npm run rescue`. */
const MAX_LINES = 50;

const archiveLine = async (api: ApiClient, url: string): Promise<ArchiveLine> => {
  const result = await api.post<Post>('/posts', { url });
  const snippet = result.ok ? await api.get<Snippet>(`/posts/${encodeURIComponent(result.data.id)}/snippet`) : null;
  return { url, result, snippet: snippet?.ok ? snippet.data : null };
};

/** The archive form (`/` shows it, addSignInRoutes) and the one line its script sends at a time. */
export function addArchiveRoutes(app: WorkspaceApp, { page, ctxOf, apiOf, formOf, text }: WorkspaceKit): void {
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
}
