/** @jsxImportSource hono/jsx */
import type { ApiResult, Rescued } from '../api-client.js';
import { Flash, postTitle, StatusChip } from './components.js';
import { Csrf, type PageContext, renderPage } from './layout.js';

export interface RescueAnswer {
  readonly posts: readonly Rescued[];
  readonly html: string;
  /** A dry run lists a bounded number of entries; true when the article holds more (docs/contract.md). */
  readonly truncated?: boolean;
}

const FOUND_TEXT: Record<Rescued['found'], string> = {
  blockquote: 'Instagram embed (blockquote)',
  amp: 'AMP embed',
  iframe: 'iframe',
  link: 'link on its own line',
  text: 'leftover text of a dead embed',
};

const OUTCOME_TEXT: Record<string, string> = {
  archived: 'Archived from Instagram',
  'already-archived': 'Already archived',
  gone: 'Gone on Instagram; kept from the article',
  'article-only': 'Kept from the article only',
  'dry-run': 'Found (nothing stored yet)',
};

/** The review codes of docs/contract.md ("Rescued"), in an editor's words. */
const REASON_TEXT: Record<string, string> = {
  'no-url': 'no post URL in the article',
  'no-byline': 'no byline',
  'caption-only': 'only the caption is left',
  'time-conflict': 'a date in the article is before the post was uploaded',
  'date-disagrees': 'the dates in the article disagree',
  'encoded-copy': 'read from an encoded copy of the embed',
  leftover: 'read from the leftover text of a dead embed',
  'link-only': 'a bare link, without author or caption',
};

/**
 * Uncertain entries an editor should look at: whatever the service is less than sure of, a post
 * kept from the article's words alone, and any leftover text (the URL and date were guessed from prose).
 */
export function needsReview(post: Rescued): boolean {
  if (post.review && post.review.confidence !== 'high') return true;
  return post.found === 'text' || post.outcome === 'article-only' || post.outcome === 'gone' || post.url === null;
}

/** "Review (medium): …": the service's confidence and its reasons, when it gave any. */
function reviewText(post: Rescued): string {
  const reasons = (post.review?.reasons ?? []).map((code) => REASON_TEXT[code] ?? code);
  const head = post.review ? `Review (${post.review.confidence} confidence)` : 'Review';
  return `${head}: ${reasons.length > 0 ? `${reasons.join('; ')}. ` : ''}Check the URL, author and date against the article.`;
}

export function RescueResults({ answer, dryRun }: { answer: RescueAnswer; dryRun: boolean }) {
  const review = answer.posts.filter(needsReview).length;
  return (
    <div id="rescue-answer">
      <p role="status">
        {`${answer.posts.length} ${answer.posts.length === 1 ? 'post' : 'posts'} found`}
        {answer.truncated ? `, listing stopped at the first ${answer.posts.length} (the article holds more)` : ''}
        {review > 0 ? `, ${review} to review` : ''}
        {dryRun ? ' — archiving…' : '.'}
      </p>
      <ol class="results" aria-label="Posts found">
        {answer.posts.map((post) => (
          <li class="result" data-review={needsReview(post) ? 'yes' : 'no'}>
            {dryRun ? <strong>{postTitle(post)}</strong> : <a href={`/app/posts/${encodeURIComponent(post.id)}`}>{postTitle(post)}</a>}{' '}
            {!dryRun && <StatusChip status={post.status} />}
            <p class="small muted">{`Found as: ${FOUND_TEXT[post.found] ?? post.found}`}</p>
            <p class={`outcome ${dryRun ? 'busy' : post.outcome === 'archived' || post.outcome === 'already-archived' ? 'ok' : 'warn'}`}>
              {dryRun ? 'Archiving…' : (OUTCOME_TEXT[post.outcome ?? ''] ?? post.outcome ?? 'Done')}
            </p>
            {!dryRun && needsReview(post) && <p class="chip s-unknown">{reviewText(post)}</p>}
          </li>
        ))}
      </ol>
      {!dryRun && (
        <>
          <h2>The rescued article</h2>
          <p class="small muted">Every embed found is replaced by postkeep's; every other byte is as it was.</p>
          <div class="field">
            <label for="rescued-html">Rescued article</label>
            <textarea id="rescued-html" class="code" readonly rows={10}>
              {answer.html}
            </textarea>
          </div>
          <div class="actions">
            <button type="button" data-copy="rescued-html">
              Copy article
            </button>
            <a
              class="button secondary"
              download="article.rescued.html"
              href={`data:text/html;charset=utf-8,${encodeURIComponent(answer.html)}`}
            >
              Download article
            </a>
          </div>
        </>
      )}
    </div>
  );
}

export function renderRescuePage(ctx: PageContext, state: { article: string; result: ApiResult<RescueAnswer> | null }) {
  return renderPage(ctx, {
    title: 'Rescue',
    section: 'rescue',
    scripts: ['rescue'],
    children: (
      <>
        <h1>Rescue an article</h1>
        <p class="lead">
          Paste an article's HTML, Markdown or text, or choose its file. Every Instagram embed in it — working, broken, or only its leftover
          text — is archived and replaced by a stable embed.
        </p>
        <form method="post" action="/app/rescue" enctype="multipart/form-data" class="panel" id="rescue-form">
          <Csrf token={ctx.csrf} />
          <div class="field">
            <label for="article">Article</label>
            <textarea id="article" name="article" class="code" rows={10} spellcheck={false}>
              {state.article}
            </textarea>
          </div>
          <div class="field">
            <label for="article-file">Article file</label>
            <input type="file" id="article-file" name="file" accept=".html,.htm,.md,.markdown,.txt,text/html,text/markdown,text/plain" />
            <p class="hint">A file is used instead of the pasted text when both are given.</p>
          </div>
          <button type="submit">Rescue</button>
          <p class="progress" id="rescue-progress" role="status" aria-live="polite"></p>
        </form>
        <div id="rescue-results">
          {state.result && !state.result.ok && <Flash kind="bad">{state.result.message}</Flash>}
          {state.result?.ok && <RescueResults answer={state.result.data} dryRun={false} />}
        </div>
      </>
    ),
  });
}
