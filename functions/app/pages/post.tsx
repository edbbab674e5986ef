/** @jsxImportSource hono/jsx */
import type { ApiResult, AuditEvent, Page, Post, Snippet, Version } from '../api-client.js';
import { Citation, EmbedCode, Flash, postTitle, StatusChip, Time } from './components.js';
import { Csrf, can, type PageContext, renderPage } from './layout.js';

export interface EvidenceItem {
  readonly name: string;
  readonly url: string;
  readonly bytes: number | null;
}

export interface PostPageData {
  readonly post: Post;
  readonly snippet: Snippet | null;
  readonly versions: ApiResult<{ items: readonly Version[] }>;
  readonly audit: ApiResult<Page<AuditEvent>> | null;
  readonly evidence: ApiResult<{ items: readonly EvidenceItem[] }>;
  readonly flash: { kind: 'ok' | 'bad'; text: string } | null;
}

const PROVENANCE_TEXT: Record<string, string> = {
  'embed-page': "Instagram's embed page",
  'post-page': "Instagram's post page",
  article: 'the article it was rescued from',
  shortcode: 'derived from the shortcode',
  editor: 'corrected by an editor',
  url: 'the URL',
};

function Provenance({ post, field }: { post: Post; field: string }) {
  const source = post.provenance[field];
  return <span class="muted small">{source ? (PROVENANCE_TEXT[source] ?? source) : 'not recorded'}</span>;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A version's before/after, shortened: a whole media list says little in a change line. */
function brief(value: unknown): string {
  const text = show(value);
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

function ConfirmDialog(props: {
  id: string;
  title: string;
  action: string;
  csrf: string | null;
  confirm: string;
  danger?: boolean;
  children?: unknown;
}) {
  return (
    <dialog id={props.id} aria-labelledby={`${props.id}-title`}>
      <form method="post" action={props.action}>
        <Csrf token={props.csrf} />
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        {props.children}
        <div class="actions">
          <button type="submit" class={props.danger ? 'danger' : ''}>
            {props.confirm}
          </button>
          <button type="button" class="secondary" commandfor={props.id} command="close">
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

export function renderPostPage(ctx: PageContext, data: PostPageData) {
  const { post } = data;
  const id = encodeURIComponent(post.id);
  const editor = can(ctx.me, 'editor');
  const hidden = post.status === 'hidden';
  const purged = post.purged === true;
  return renderPage(ctx, {
    title: postTitle(post),
    section: 'library',
    children: (
      <>
        <p class="small">
          <a href="/app/library">← Library</a>
        </p>
        <h1>{postTitle(post)}</h1>
        <p>
          <StatusChip status={post.status} /> {purged && <span class="chip">Purged</span>}{' '}
          <span class="muted small">
            archived <Time iso={post.capturedAt} />
          </span>
        </p>
        {data.flash && <Flash kind={data.flash.kind}>{data.flash.text}</Flash>}
        {hidden && post.hidden && (
          <p class="notice">
            Hidden <Time iso={post.hidden.at} />: {post.hidden.reason}
          </p>
        )}

        <div class="actions">
          {editor && !purged && (
            <form method="post" action={`/app/posts/${id}/refresh`}>
              <Csrf token={ctx.csrf} />
              <button type="submit">Re-check</button>
            </form>
          )}
          {editor && !hidden && (
            <button type="button" class="secondary" commandfor="hide-dialog" command="show-modal">
              Hide
            </button>
          )}
          {editor && hidden && !purged && (
            <button type="button" class="secondary" commandfor="unhide-dialog" command="show-modal">
              Unhide
            </button>
          )}
          {can(ctx.me, 'admin') && hidden && !purged && (
            <button type="button" class="danger" commandfor="purge-dialog" command="show-modal">
              Purge
            </button>
          )}
        </div>
        {editor && !hidden && (
          <ConfirmDialog id="hide-dialog" title="Hide this post?" action={`/app/posts/${id}/hide`} csrf={ctx.csrf} confirm="Hide">
            <p class="small">Readers will see a tombstone with the attribution only. The archived copy is kept, so this can be undone.</p>
            <div class="field">
              <label for="hide-reason">Reason</label>
              <input type="text" id="hide-reason" name="reason" required minlength={3} maxlength={500} />
            </div>
            <div class="field">
              <label for="notice-from">Notice from</label>
              <input type="text" id="notice-from" name="noticeFrom" maxlength={200} />
            </div>
            <div class="field">
              <label for="notice-about">What the notice asks</label>
              <input type="text" id="notice-about" name="noticeAbout" maxlength={500} />
            </div>
            <div class="field">
              <label for="notice-received">Notice received</label>
              <input type="datetime-local" id="notice-received" name="noticeReceivedAt" />
            </div>
          </ConfirmDialog>
        )}
        {editor && hidden && !purged && (
          <ConfirmDialog id="unhide-dialog" title="Unhide this post?" action={`/app/posts/${id}/unhide`} csrf={ctx.csrf} confirm="Unhide">
            <p class="small">Readers will see the archived post again, with the status it had before.</p>
          </ConfirmDialog>
        )}
        {can(ctx.me, 'admin') && hidden && !purged && (
          <ConfirmDialog
            id="purge-dialog"
            title="Purge this post for good?"
            action={`/app/posts/${id}/purge`}
            csrf={ctx.csrf}
            confirm="Purge"
            danger
          >
            <p class="small">
              Every stored image, raw page and embed of this post is deleted, including old versions. Only the tombstone stays. This cannot
              be undone.
            </p>
            <div class="field">
              <label for="purge-reason">Reason</label>
              <input type="text" id="purge-reason" name="reason" required minlength={3} maxlength={500} />
            </div>
          </ConfirmDialog>
        )}

        <h2>The card</h2>
        <div class="frames">
          <figure>
            <figcaption>Light</figcaption>
            <iframe class="frame" src={`/embed/${id}?theme=light`} title="Card, light theme" height={600} />
          </figure>
          <figure>
            <figcaption>Dark</figcaption>
            <iframe class="frame" src={`/embed/${id}?theme=dark`} title="Card, dark theme" height={600} />
          </figure>
        </div>
        <EmbedCode post={post} snippet={data.snippet} idPrefix="post" />
        <Citation post={post} />

        <h2>Fields and where they came from</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Original URL</th>
                <td>{post.url ? <a href={post.url}>{post.url}</a> : '—'}</td>
                <td>
                  <Provenance post={post} field="url" />
                </td>
              </tr>
              <tr>
                <th scope="row">Handle</th>
                <td>{post.author.handle ? `@${post.author.handle}` : '—'}</td>
                <td>
                  <Provenance post={post} field="handle" />
                </td>
              </tr>
              <tr>
                <th scope="row">Display name</th>
                <td>{show(post.author.name)}</td>
                <td>
                  <Provenance post={post} field="name" />
                </td>
              </tr>
              <tr>
                <th scope="row">Caption</th>
                <td class="caption-text">{show(post.caption)}</td>
                <td>
                  <Provenance post={post} field="caption" />
                </td>
              </tr>
              <tr>
                <th scope="row">Posted</th>
                <td>
                  <Time iso={post.takenAt} />
                </td>
                <td>
                  <Provenance post={post} field="takenAt" />
                </td>
              </tr>
              {post.media.map((item, i) => (
                <tr>
                  <th scope="row">{`Image ${i + 1} alt text`}</th>
                  <td>
                    {show(item.alt)}{' '}
                    <span class="muted small">
                      ({item.type}, {item.width}×{item.height})
                    </span>
                  </td>
                  <td>
                    <Provenance post={post} field={`media.${i}.alt`} />
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">Last checked on Instagram</th>
                <td>
                  <Time iso={post.checkedAt} />
                </td>
                <td>
                  <span class="muted small">re-checks</span>
                </td>
              </tr>
              {post.removedAt && (
                <tr>
                  <th scope="row">Found removed</th>
                  <td>
                    <Time iso={post.removedAt} />
                  </td>
                  <td>
                    <span class="muted small">re-checks</span>
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>

        {editor && !hidden && (
          <>
            <h2>Correct</h2>
            <form method="post" action={`/app/posts/${id}/correct`} class="panel">
              <Csrf token={ctx.csrf} />
              {post.media.map((item, i) => (
                <div class="field">
                  <label for={`alt-${i}`}>{`Alt text for image ${i + 1}`}</label>
                  <textarea id={`alt-${i}`} name={`alt.${i}`} rows={2} maxlength={2000}>
                    {item.alt ?? ''}
                  </textarea>
                </div>
              ))}
              <div class="field">
                <label for="fix-caption">Caption</label>
                <textarea id="fix-caption" name="caption" rows={4} maxlength={10000}>
                  {post.caption ?? ''}
                </textarea>
              </div>
              <div class="two">
                <div class="field">
                  <label for="fix-name">Display name</label>
                  <input type="text" id="fix-name" name="name" value={post.author.name ?? ''} maxlength={200} />
                </div>
                <div class="field">
                  <label for="fix-handle">Handle</label>
                  <input type="text" id="fix-handle" name="handle" value={post.author.handle ?? ''} maxlength={30} />
                </div>
              </div>
              <button type="submit">Save corrections</button>
            </form>
          </>
        )}

        <h2>Versions</h2>
        {data.versions.ok ? (
          <ol class="results" aria-label="Versions">
            {data.versions.data.items.map((version) => (
              <li class="result">
                <strong>{`Version ${version.version}`}</strong>{' '}
                <span class="muted small">
                  <Time iso={version.at} /> · {version.source} · {version.by.name}
                </span>
                {version.changes.length > 0 && (
                  <ul class="changes">
                    {version.changes.map((change) => (
                      <li>
                        <strong>{change.field}</strong>: {brief(change.before)} → {brief(change.after)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">{`Versions are not available: ${data.versions.message}`}</p>
        )}

        <h2>Evidence</h2>
        {data.evidence.ok && data.evidence.data.items.length > 0 ? (
          <ul>
            {data.evidence.data.items.map((item) => (
              <li>
                <a href={item.url} download>
                  {item.name}
                </a>
                {item.bytes !== null && <span class="muted small">{` (${Math.ceil(item.bytes / 1024)} KB)`}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{data.evidence.ok ? 'No raw pages are kept for this post.' : data.evidence.message}</p>
        )}

        {data.audit && (
          <>
            <h2>Activity on this post</h2>
            {data.audit.ok ? (
              <AuditList events={data.audit.data.items} />
            ) : (
              <p class="muted">{`The audit log is not available: ${data.audit.message}`}</p>
            )}
          </>
        )}
      </>
    ),
  });
}

export function AuditList({ events }: { events: readonly AuditEvent[] }) {
  if (events.length === 0) return <p class="muted">Nothing recorded yet.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr>
              <td>
                <Time iso={event.at} />
              </td>
              <td>{event.actor.name}</td>
              <td>
                <span class="chip">{event.action}</span> {event.summary}
                {event.postId && (
                  <>
                    {' '}
                    <a href={`/app/posts/${encodeURIComponent(event.postId)}`} aria-label={`Open post ${event.postId}`}>
                      open
                    </a>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
