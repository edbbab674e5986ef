/** @jsxImportSource hono/jsx */
import type { ApiResult, Page, Post } from '../api-client.js';
import { Flash, postTitle, StatusChip, Thumb, Time } from './components.js';
import { type PageContext, renderPage } from './layout.js';

export const STATUSES = ['live', 'removed', 'unknown', 'hidden'] as const;

export interface LibraryQuery {
  readonly q: string;
  readonly status: string;
  readonly cursor: string | null;
}

export function renderLibraryPage(ctx: PageContext, query: LibraryQuery, result: ApiResult<Page<Post>>) {
  const next =
    result.ok && result.data.cursor ? new URLSearchParams({ q: query.q, status: query.status, cursor: result.data.cursor }) : null;
  const searching = query.q !== '' || query.status !== '';
  return renderPage(ctx, {
    title: 'Library',
    section: 'library',
    children: (
      <>
        <h1>Library</h1>
        <p class="lead">Every archived post, newest first. Search by handle, display name, caption words, shortcode or URL.</p>
        <search>
          <form method="get" action="/app/library" class="filters">
            <div class="grow">
              <label for="q">Search</label>
              <input type="search" id="q" name="q" value={query.q} autocomplete="off" spellcheck={false} />
            </div>
            <div>
              <label for="status">Status</label>
              <select id="status" name="status" data-autosubmit="">
                <option value="" selected={query.status === ''}>
                  Any status
                </option>
                {STATUSES.map((status) => (
                  <option value={status} selected={query.status === status}>
                    {status[0]!.toUpperCase() + status.slice(1)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">Find</button>
          </form>
        </search>
        {!result.ok && <Flash kind="bad">{result.message}</Flash>}
        {result.ok && result.data.items.length === 0 && (
          <p class="notice" role="status">
            {searching ? 'No post matches this search.' : 'Nothing archived yet. Paste a post URL on the Archive page.'}
          </p>
        )}
        {result.ok && result.data.items.length > 0 && (
          <ul class="grid" aria-label="Posts">
            {result.data.items.map((post) => (
              <li class="card">
                <Thumb post={post} />
                <a class="title" href={`/app/posts/${encodeURIComponent(post.id)}`}>
                  {postTitle(post)}
                </a>
                <div class="meta">
                  <StatusChip status={post.status} /> <Time iso={post.capturedAt} />
                  {post.caption && <p class="cap">{post.caption}</p>}
                </div>
              </li>
            ))}
          </ul>
        )}
        {next && (
          <nav class="pager" aria-label="Pages">
            <a class="button secondary" href={`/app/library?${next.toString()}`}>
              Older posts
            </a>
          </nav>
        )}
      </>
    ),
  });
}
