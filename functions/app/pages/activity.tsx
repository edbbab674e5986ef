/** @jsxImportSource hono/jsx */
import type { ApiResult, AuditEvent, Page, Post } from '../api-client.js';
import { postTitle, StatusChip, Time } from './components.js';
import { type PageContext, renderPage } from './layout.js';
import { AuditList } from './post.js';

export function renderActivityPage(
  ctx: PageContext,
  data: { since: string | null; removed: ApiResult<Page<Post>>; audit: ApiResult<Page<AuditEvent>> | null; cursor: string | null },
) {
  return renderPage(ctx, {
    title: 'Activity',
    section: 'activity',
    children: (
      <>
        <h1>Activity</h1>
        <h2>Removed on Instagram since your last visit</h2>
        <p class="small muted">
          {data.since ? (
            <>
              Since <Time iso={data.since} />.
            </>
          ) : (
            'Your first visit: every post found removed.'
          )}
        </p>
        {data.removed.ok ? (
          data.removed.data.items.length === 0 ? (
            <p class="notice ok">No post was found removed.</p>
          ) : (
            <ul class="results" aria-label="Removed posts">
              {data.removed.data.items.map((post) => (
                <li class="result">
                  <a href={`/app/posts/${encodeURIComponent(post.id)}`}>{postTitle(post)}</a> <StatusChip status={post.status} />{' '}
                  <span class="muted small">
                    found removed <Time iso={post.removedAt} />
                  </span>
                </li>
              ))}
            </ul>
          )
        ) : (
          <p class="muted">{data.removed.message}</p>
        )}
        {data.audit && (
          <>
            <h2>Audit log</h2>
            {data.audit.ok ? (
              <>
                <AuditList events={data.audit.data.items} />
                {data.audit.data.cursor && (
                  <nav class="pager" aria-label="Pages">
                    <a class="button secondary" href={`/app/activity?cursor=${encodeURIComponent(data.audit.data.cursor)}`}>
                      Older events
                    </a>
                  </nav>
                )}
              </>
            ) : (
              <p class="muted">{`The audit log is not available: ${data.audit.message}`}</p>
            )}
          </>
        )}
      </>
    ),
  });
}
