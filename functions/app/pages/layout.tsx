/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { toHtmlString } from '../../../shared/embed/html-string.js';
import { hasRole, type Principal } from '../../../shared/people/person.js';
import type { ClientEntry, WorkspaceAssets } from '../assets.js';

export type Section = 'archive' | 'library' | 'rescue' | 'activity' | 'people' | null;

export interface PageContext {
  readonly me: Principal | null;
  readonly csrf: string | null;
  readonly assets: WorkspaceAssets;
}

export interface RenderedPage {
  readonly html: string;
  readonly csp: string;
}

const NAV: ReadonlyArray<{ key: Exclude<Section, null>; href: string; label: string; role: Principal['role'] }> = [
  { key: 'archive', href: '/app', label: 'Archive', role: 'editor' },
  { key: 'library', href: '/app/library', label: 'Library', role: 'viewer' },
  { key: 'rescue', href: '/app/rescue', label: 'Rescue', role: 'editor' },
  { key: 'activity', href: '/app/activity', label: 'Activity', role: 'viewer' },
  { key: 'people', href: '/app/people', label: 'People', role: 'admin' },
];

/** Does the signed-in person's role reach `role`? Pages show only the controls it allows. */
export function can(me: Principal | null, role: Principal['role']): boolean {
  return me !== null && hasRole(me.role, role);
}

/** The hidden field every workspace form carries (checked against the session, session.ts). */
export function Csrf({ token }: { token: string | null }) {
  return token ? <input type="hidden" name="csrf" value={token} /> : null;
}

/**
 * Every page of the workspace: a skip link, the navigation the role allows, "Sign out", one
 * `<main>`. Scripts are external files allowed by hash only; no inline script or style exists.
 */
export function renderPage(
  ctx: PageContext,
  page: { title: string; section: Section; scripts?: readonly ClientEntry[]; children: Child },
): RenderedPage {
  const scripts = ctx.me ? (['common', ...(page.scripts ?? [])] as const) : [];
  const assets = scripts.map((name) => ctx.assets.scripts[name]);
  const csp = [
    "default-src 'none'",
    `script-src ${assets.length > 0 ? assets.map((a) => `'${a.integrity}'`).join(' ') : "'none'"}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "frame-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const body = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="robots" content="noindex" />
        {ctx.csrf && <meta name="csrf-token" content={ctx.csrf} />}
        <title>{`${page.title} · postkeep`}</title>
        <link rel="stylesheet" href={ctx.assets.style.path} integrity={ctx.assets.style.integrity} />
        {assets.map((asset) => (
          <script src={asset.path} integrity={asset.integrity} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <div class="top-in">
            <a class="brand" href="/app">
              post<span>keep</span>
            </a>
            {ctx.me && (
              <nav aria-label="Workspace">
                <ul>
                  {NAV.filter((item) => can(ctx.me, item.role)).map((item) => (
                    <li>
                      <a href={item.href} aria-current={item.key === page.section ? 'page' : undefined}>
                        {item.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            {ctx.me && (
              <div class="who">
                <span>
                  {ctx.me.name} <span class="chip">{ctx.me.role}</span>
                </span>
                <form method="post" action="/app/sign-out">
                  <Csrf token={ctx.csrf} />
                  <button type="submit" class="secondary">
                    Sign out
                  </button>
                </form>
              </div>
            )}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {page.children}
        </main>
      </body>
    </html>
  );
  return { html: `<!doctype html>${toHtmlString(body)}`, csp };
}
