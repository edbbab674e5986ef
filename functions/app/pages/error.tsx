/** @jsxImportSource hono/jsx */
import { type PageContext, renderPage } from './layout.js';

export function renderErrorPage(ctx: PageContext, status: number, message: string) {
  return renderPage(ctx, {
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
  });
}
