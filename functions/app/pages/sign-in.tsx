/** @jsxImportSource hono/jsx */
import { Flash } from './components.js';
import { type PageContext, renderPage } from './layout.js';

export function renderSignInPage(ctx: PageContext, error: string | null) {
  return renderPage(ctx, {
    title: 'Sign in',
    section: null,
    children: (
      <div class="sign-in">
        <h1>Sign in</h1>
        <p class="lead">The editors' workspace of postkeep: archive posts, find them, check them, hide them, rescue articles.</p>
        {error && <Flash kind="bad">{error}</Flash>}
        <form method="post" action="/app/sign-in" class="panel">
          <div class="field">
            <label for="key">API key</label>
            <input
              type="password"
              id="key"
              name="key"
              required
              autocomplete="current-password"
              spellcheck={false}
              aria-describedby="key-hint"
            />
            <p class="hint" id="key-hint">
              Your personal key, from an admin. It is checked once; the browser keeps only a session.
            </p>
          </div>
          <button type="submit">Sign in</button>
        </form>
      </div>
    ),
  });
}
