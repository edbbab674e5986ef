/** @jsxImportSource hono/jsx */
import type { ApiResult, Post, Snippet } from '../api-client.js';
import { Citation, EmbedCode, postTitle, StatusChip } from './components.js';
import { Csrf, can, type PageContext, renderPage } from './layout.js';

export interface ArchiveLine {
  readonly url: string;
  readonly result: ApiResult<Post>;
  readonly snippet: Snippet | null;
}

/** What happened to one line, in the words an editor uses. */
export function describeOutcome(result: ApiResult<Post>): { text: string; tone: 'ok' | 'warn' | 'bad'; reason: string | null } {
  if (result.ok)
    return result.status === 201 ? { text: 'Archived', tone: 'ok', reason: null } : { text: 'Already archived', tone: 'ok', reason: null };
  switch (result.code) {
    case 'post_gone':
      return { text: 'Gone', tone: 'bad', reason: result.message };
    case 'login_wall':
      return { text: 'Login wall', tone: 'warn', reason: result.message };
    case 'not_a_post_url':
    case 'invalid_url':
      return { text: 'Not an Instagram post', tone: 'bad', reason: result.message };
    default:
      return { text: 'Not archived', tone: 'bad', reason: result.message };
  }
}

/** One line's outcome and, when archived, the card as readers see it with its embed code. */
export function ArchiveResult({ line, index }: { line: ArchiveLine; index: number }) {
  const outcome = describeOutcome(line.result);
  const post = line.result.ok ? line.result.data : null;
  return (
    <li class="result" data-outcome={outcome.text}>
      <div class="url">{line.url}</div>
      <p class={`outcome ${outcome.tone}`}>
        {outcome.text}
        {outcome.reason && <span class="muted">{`: ${outcome.reason}`}</span>}
      </p>
      {post && (
        <div>
          <p>
            <a href={`/app/posts/${encodeURIComponent(post.id)}`}>{postTitle(post)}</a> <StatusChip status={post.status} />
          </p>
          <iframe
            class="frame"
            src={`/embed/${encodeURIComponent(post.id)}`}
            title={`Card of ${postTitle(post)} as readers see it`}
            height={560}
          />
          <EmbedCode post={post} snippet={line.snippet} idPrefix={`line${index}`} />
          <Citation post={post} />
        </div>
      )}
    </li>
  );
}

export function ArchiveResults({ lines, start = 0 }: { lines: readonly ArchiveLine[]; start?: number }) {
  return (
    <>
      {lines.map((line, i) => (
        <ArchiveResult line={line} index={start + i} />
      ))}
    </>
  );
}

export function renderArchivePage(ctx: PageContext, lines: readonly ArchiveLine[], input = '') {
  return renderPage(ctx, {
    title: 'Archive',
    section: 'archive',
    scripts: ['archive'],
    children: (
      <>
        <h1>Archive</h1>
        <p class="lead">
          Paste a link to an Instagram post, or a column of links, one per line. Each one is captured now and kept for good.
        </p>
        {can(ctx.me, 'editor') ? (
          <form method="post" action="/app/archive" class="panel" id="archive-form">
            <Csrf token={ctx.csrf} />
            <div class="field">
              <label for="urls">Post URL</label>
              <textarea id="urls" name="urls" rows={4} required spellcheck={false} autocomplete="off" aria-describedby="urls-hint">
                {input}
              </textarea>
              <p class="hint" id="urls-hint">
                One URL per line: /p/, /reel/ and /tv/ links, instagr.am, with or without tracking parameters.
              </p>
            </div>
            <button type="submit">Archive</button>
            <p class="progress" id="archive-progress" role="status" aria-live="polite"></p>
          </form>
        ) : (
          <p class="notice">Your role can read the library but not archive posts.</p>
        )}
        <ol class="results" id="archive-results" aria-label="Results">
          <ArchiveResults lines={lines} />
        </ol>
      </>
    ),
  });
}
