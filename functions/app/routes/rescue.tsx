/** @jsxImportSource hono/jsx */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { toHtmlString } from '../../../shared/embed/html-string.js';
import type { ApiResult } from '../api-client.js';
import type { WorkspaceApp, WorkspaceContext, WorkspaceKit } from '../kit.js';
import { can } from '../pages/layout.js';
import { type RescueAnswer, RescueResults, renderRescuePage } from '../pages/rescue.js';

/** Rescue: an article pasted or uploaded, its Instagram embeds archived through `POST /api/rescue`. */
export function addRescueRoutes(app: WorkspaceApp, { page, ctxOf, apiOf, formOf, text, errorPage }: WorkspaceKit): void {
  const readRescueForm = async (c: WorkspaceContext) => {
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
  const rescue = (c: WorkspaceContext, article: string, type: string, dryRun: boolean) =>
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
}
